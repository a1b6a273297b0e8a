package realtime

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gorilla/websocket"
)

const (
	writeWait   = 10 * time.Second // a write that takes longer: the client is gone
	maxReadSize = 512              // clients send nothing but control frames
)

// Transport serves the two kinds of connection for a Hub.
type Transport struct {
	Hub *Hub
	// Origins are the browser origins allowed to open a WebSocket besides
	// the API's own host; "*" allows any. The token, not a cookie, proves
	// who the user is, so a foreign page cannot ride on a session — the
	// check keeps pages we never meant to serve from using the API.
	Origins []string
	// Error writes an HTTP error in the API's shape (before an upgrade).
	Error func(w http.ResponseWriter, r *http.Request, status int, msg string)
}

func (t *Transport) checkOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || slices.Contains(t.Origins, "*") || slices.Contains(t.Origins, origin) {
		return true // no Origin: not a browser
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// register adds the user's connection, or answers why not.
func (t *Transport) register(w http.ResponseWriter, r *http.Request, user int64, transport string) *Client {
	c, err := t.Hub.Register(user, transport)
	switch {
	case errors.Is(err, ErrClosed):
		w.Header().Set("Retry-After", "1")
		t.Error(w, r, http.StatusServiceUnavailable, "shutting down: reconnect in a moment")
	case errors.Is(err, ErrTooMany):
		t.Error(w, r, http.StatusTooManyRequests, fmt.Sprintf("at most %d notification connections per user", t.Hub.perUser))
	}
	return c
}

// ServeWebSocket upgrades the request and sends user's notifications as
// text messages of JSON until the client leaves, is evicted (close code
// 1008) or the server shuts down (1001). It pings every Hub ping interval
// and drops a client that has not answered within two.
func (t *Transport) ServeWebSocket(w http.ResponseWriter, r *http.Request, user int64) {
	if !websocket.IsWebSocketUpgrade(r) {
		t.Error(w, r, http.StatusBadRequest, "this endpoint speaks WebSocket: send an Upgrade: websocket request")
		return
	}
	if !t.checkOrigin(r) {
		t.Error(w, r, http.StatusForbidden, "origin "+r.Header.Get("Origin")+" may not open a WebSocket here")
		return
	}
	c := t.register(w, r, user, "websocket")
	if c == nil {
		return
	}
	defer t.Hub.Unregister(c)
	up := websocket.Upgrader{
		CheckOrigin: func(*http.Request) bool { return true }, // checked above, with a clearer answer
		Error: func(w http.ResponseWriter, r *http.Request, status int, reason error) {
			t.Error(w, r, status, reason.Error())
		},
	}
	conn, err := up.Upgrade(hijacker{w}, r, nil)
	if err != nil {
		return // Upgrade has answered
	}
	defer conn.Close()

	// The reader: clients send nothing we act on, but reading is what
	// processes pongs and notices a closed connection.
	pongWait := 2 * t.Hub.ping
	conn.SetReadLimit(maxReadSize)
	_ = conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	go func() {
		for {
			if _, _, err := conn.NextReader(); err != nil {
				t.Hub.Unregister(c)
				return
			}
		}
	}()

	ping := time.NewTicker(t.Hub.ping)
	defer ping.Stop()
	for {
		select {
		case m := <-c.send:
			_ = conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := conn.WriteMessage(websocket.TextMessage, m.data); err != nil {
				return
			}
			t.Hub.delivered.WithLabelValues("websocket").Inc()
		case <-ping.C:
			if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
				return
			}
		case <-c.Done():
			code := websocket.CloseNormalClosure
			switch c.Reason() {
			case reasonShutdown:
				code = websocket.CloseGoingAway
			case reasonSlow:
				code = websocket.ClosePolicyViolation
			}
			_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, c.Reason()), time.Now().Add(writeWait))
			return
		}
	}
}

// ServeSSE streams user's notifications as Server-Sent Events — `id:` the
// notification's ID, `event:` its type, `data:` its JSON — with a comment
// line as heartbeat, until the client leaves, is evicted or the server
// shuts down (an `event: close` with the reason, then the end of the
// stream). Notifications are live: there is no replay, so a client that
// reconnects (EventSource does, after `retry:` ms) sees what comes next.
func (t *Transport) ServeSSE(w http.ResponseWriter, r *http.Request, user int64) {
	c := t.register(w, r, user, "sse")
	if c == nil {
		return
	}
	defer t.Hub.Unregister(c)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass each event on at once
	w.WriteHeader(http.StatusOK)
	write := func(format string, args ...any) bool {
		// Each write gets its own deadline, in place of the server's
		// WriteTimeout, which would end the stream after a few seconds.
		_ = rc.SetWriteDeadline(time.Now().Add(writeWait))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write("retry: 3000\n: connected\n\n") {
		return
	}
	ping := time.NewTicker(t.Hub.ping)
	defer ping.Stop()
	for {
		select {
		case m := <-c.send:
			// JSON from encoding/json holds no raw newline, so one data line.
			if !write("id: %s\nevent: %s\ndata: %s\n\n", m.id, m.event, m.data) {
				return
			}
			t.Hub.delivered.WithLabelValues("sse").Inc()
		case <-ping.C:
			if !write(": ping\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-c.Done():
			if reason := c.Reason(); reason != "" {
				write("event: close\ndata: %q\n\n", reason)
			}
			return
		}
	}
}

// hijacker lets gorilla/websocket, which asks for http.Hijacker, reach the
// connection through the middleware's response writers, which offer only
// Unwrap (for http.ResponseController).
type hijacker struct{ http.ResponseWriter }

func (h hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(h.ResponseWriter).Hijack()
}
