package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// maxFrame bounds one frame a client sends: a chat message is small.
const maxFrame = 16 << 10

// inFrame is what a client sends over the WebSocket.
type inFrame struct {
	Type string `json:"type"` // "send"
	Text string `json:"text"`
}

// controlFrame is what the server sends besides events: a reset (resync:
// what you missed is no longer kept) or an error (a refused frame; the
// connection stays open).
type controlFrame struct {
	Type         string `json:"type"` // reset or error
	Error        string `json:"error,omitempty"`
	Detail       string `json:"detail,omitempty"`
	RetryAfterMS int64  `json:"retry_after_ms,omitempty"`
}

// wsConn is one WebSocket client: a read loop (the handler's goroutine)
// and a write loop, the only goroutine that writes to the connection.
type wsConn struct {
	a          *api
	conn       *websocket.Conn
	room, user string
	sub        *subscriber
	control    chan controlFrame // from the read loop to the write loop
	readDone   chan struct{}
	writeDone  chan struct{}
}

// handleWebSocket authenticates, then upgrades. Everything that can be
// refused with a status is checked before Upgrade: afterwards the only way
// to say no is a close frame, which browsers do not show to the page.
func (a *api) handleWebSocket(w http.ResponseWriter, r *http.Request) {
	user, roomName, ok := a.enter(w, r)
	if !ok {
		return
	}
	res, ok := resumeOf(w, r)
	if !ok {
		return
	}
	conn, err := a.upgrader.Upgrade(w, r, nil) // checks the origin; answers failures itself
	if err != nil {
		return
	}
	sub, replay, reset, err := a.hub.Join(roomName, user, res)
	if err != nil {
		conn.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseTryAgainLater, "this instance keeps no more rooms"), time.Now().Add(a.opts.WriteWait))
		conn.Close()
		return
	}
	c := &wsConn{a: a, conn: conn, room: roomName, user: user, sub: sub,
		control: make(chan controlFrame, 4), readDone: make(chan struct{}), writeDone: make(chan struct{})}
	a.hub.conns.Add(1)
	defer a.hub.conns.Done()
	a.metrics.connected.WithLabelValues("websocket").Inc()
	defer a.metrics.connected.WithLabelValues("websocket").Dec()
	go c.writeLoop(replay, reset)
	c.readLoop()
	<-c.writeDone
	a.hub.Leave(roomName, sub)
}

// pongWait is how long the read loop waits for any frame, a pong included.
// A ping goes out every PingInterval, so a live client answers well within it.
func (c *wsConn) pongWait() time.Duration { return 2 * c.a.opts.PingInterval }

// readLoop reads client frames until the connection fails or closes.
func (c *wsConn) readLoop() {
	defer close(c.readDone)
	c.conn.SetReadLimit(maxFrame)
	c.conn.SetReadDeadline(time.Now().Add(c.pongWait()))
	// Every pong proves the peer alive: push the deadline on. A peer that
	// stops answering (its network went away without a FIN) fails the next read.
	c.conn.SetPongHandler(func(string) error {
		return c.conn.SetReadDeadline(time.Now().Add(c.pongWait()))
	})
	for {
		kind, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.conn.SetReadDeadline(time.Now().Add(c.pongWait()))
		if f, ok := c.handle(kind, data); !ok {
			select {
			case c.control <- f:
			default: // errors already queued say enough
			}
		}
	}
}

// handle sends one client frame on, or returns the error frame that refuses it.
func (c *wsConn) handle(kind int, data []byte) (controlFrame, bool) {
	var in inFrame
	if kind != websocket.TextMessage || json.Unmarshal(data, &in) != nil || in.Type != "send" {
		return controlFrame{Type: "error", Error: "bad_frame", Detail: `send a text frame {"type":"send","text":"..."}`}, false
	}
	if in.Text == "" || len(in.Text) > c.a.opts.MaxText {
		return controlFrame{Type: "error", Error: "bad_text", Detail: fmt.Sprintf("text must be 1 to %d bytes", c.a.opts.MaxText)}, false
	}
	if ok, wait := c.a.limits.allow(c.user); !ok {
		c.a.metrics.rateLimited.Inc()
		return controlFrame{Type: "error", Error: "rate_limited", Detail: "too many messages: slow down",
			RetryAfterMS: max(wait.Milliseconds(), 1)}, false
	}
	if err := c.a.hub.Send(context.Background(), c.room, c.user, in.Text); err != nil {
		return controlFrame{Type: "error", Error: "unavailable", Detail: "the message could not be sent: try again"}, false
	}
	c.a.metrics.received.Inc()
	return controlFrame{}, true
}

// writeLoop writes the replay, then events, error frames and pings, until
// the client is evicted or gone or the server shuts down.
func (c *wsConn) writeLoop(replay []Event, reset bool) {
	defer close(c.writeDone)
	defer c.conn.Close()
	if reset && c.write(controlFrame{Type: "reset"}) != nil {
		return
	}
	for _, ev := range replay {
		if c.writeEvent(ev) != nil {
			return
		}
	}
	ping := time.NewTicker(c.a.opts.PingInterval)
	defer ping.Stop()
	for {
		select {
		case ev, ok := <-c.sub.send:
			if !ok { // evicted: its buffer was full
				c.close(websocket.ClosePolicyViolation, "too slow: resume with last_event_id")
				return
			}
			if c.writeEvent(ev) != nil {
				return
			}
		case f := <-c.control:
			if c.write(f) != nil {
				return
			}
		case <-ping.C:
			if c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.a.opts.WriteWait)) != nil {
				return
			}
		case <-c.a.hub.Done():
			c.close(websocket.CloseGoingAway, "server shutting down")
			return
		case <-c.readDone:
			return
		}
	}
}

func (c *wsConn) writeEvent(ev Event) error {
	if err := c.write(ev); err != nil {
		return err
	}
	c.a.metrics.delivered.WithLabelValues("websocket").Inc()
	return nil
}

// write sends v as one text frame within WriteWait: a client that does not
// read makes the write fail instead of holding this goroutine.
func (c *wsConn) write(v any) error {
	c.conn.SetWriteDeadline(time.Now().Add(c.a.opts.WriteWait))
	return c.conn.WriteJSON(v)
}

// close starts the closing handshake and waits briefly for the client's
// close frame, which ends the read loop.
func (c *wsConn) close(code int, reason string) {
	msg := websocket.FormatCloseMessage(code, reason)
	if c.conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(c.a.opts.WriteWait)) != nil {
		return
	}
	select {
	case <-c.readDone:
	case <-time.After(time.Second):
	}
}
