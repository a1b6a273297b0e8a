// Package realtime delivers notifications to the browsers and apps that
// are connected to this instance, over WebSocket (github.com/gorilla/websocket)
// or Server-Sent Events. The Hub keeps the connections of each user; every
// notification any instance broadcasts reaches the Hub of every instance
// (service.Broadcaster), and each Hub hands it to those of its recipients
// connected here.
//
// Every connection has a bounded queue. The Hub never waits for a client:
// a notification that finds a client's queue full evicts that client (it
// can reconnect), so one stalled phone cannot hold up anyone else's.
package realtime

import (
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"workbook/capstone/service"
)

// Errors of Register.
var (
	ErrClosed  = errors.New("realtime: shutting down")
	ErrTooMany = errors.New("realtime: too many connections for this user")
)

// Close reasons, as a client learns them.
const (
	reasonShutdown = "server shutting down"
	reasonSlow     = "too slow: notifications were waiting"
	reasonLeft     = "" // the client went away by itself
)

// Hub is the registry of this instance's connections. The zero value is
// not usable; call NewHub.
type Hub struct {
	buffer  int
	perUser int
	ping    time.Duration

	mu      sync.RWMutex
	clients map[int64]map[*Client]struct{}
	closed  bool

	connections *prometheus.GaugeVec
	delivered   *prometheus.CounterVec
	evictions   prometheus.Counter
}

// Options tune a Hub; zero fields take the defaults.
type Options struct {
	Buffer  int           // notifications queued per connection (default 32)
	PerUser int           // connections one user may hold at once (default 8)
	Ping    time.Duration // heartbeat interval (default 25 s)
}

// NewHub returns a Hub whose metrics register with reg (nil: not exported).
func NewHub(o Options, reg prometheus.Registerer) *Hub {
	h := &Hub{buffer: o.Buffer, perUser: o.PerUser, ping: o.Ping, clients: map[int64]map[*Client]struct{}{}}
	if h.buffer <= 0 {
		h.buffer = 32
	}
	if h.perUser <= 0 {
		h.perUser = 8
	}
	if h.ping <= 0 {
		h.ping = 25 * time.Second
	}
	h.connections = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "realtime_connections", Help: "Open realtime connections on this instance, by transport.",
	}, []string{"transport"})
	h.delivered = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "realtime_notifications_delivered_total", Help: "Notifications written to a client, by transport.",
	}, []string{"transport"})
	h.evictions = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "realtime_evictions_total", Help: "Clients disconnected because their queue was full.",
	})
	if reg != nil {
		reg.MustRegister(h.connections, h.delivered, h.evictions)
	}
	return h
}

// message is one notification as a client receives it: the JSON without
// the recipient list, encoded once for everyone.
type message struct {
	id, event string
	data      []byte
}

// Client is one connection's place in the Hub.
type Client struct {
	user      int64
	transport string
	send      chan message
	done      chan struct{}
	once      sync.Once
	reason    string
}

// Done is closed when the Hub drops the client; Reason then says why.
func (c *Client) Done() <-chan struct{} { return c.done }

// Reason says why Done closed ("" when the client left by itself).
func (c *Client) Reason() string {
	<-c.done
	return c.reason
}

// drop ends c with reason; only the first call counts, and reports true.
func (c *Client) drop(reason string) (first bool) {
	c.once.Do(func() {
		c.reason = reason
		close(c.done)
		first = true
	})
	return first
}

// Register adds a connection of user over transport ("websocket", "sse").
func (h *Hub) Register(user int64, transport string) (*Client, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, ErrClosed
	}
	if len(h.clients[user]) >= h.perUser {
		return nil, ErrTooMany
	}
	c := &Client{user: user, transport: transport, send: make(chan message, h.buffer), done: make(chan struct{})}
	if h.clients[user] == nil {
		h.clients[user] = map[*Client]struct{}{}
	}
	h.clients[user][c] = struct{}{}
	h.connections.WithLabelValues(transport).Inc()
	return c, nil
}

// Unregister removes c; the connection's handler calls it as it ends.
func (h *Hub) Unregister(c *Client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c.user][c]; !ok {
		return
	}
	delete(h.clients[c.user], c)
	if len(h.clients[c.user]) == 0 {
		delete(h.clients, c.user)
	}
	h.connections.WithLabelValues(c.transport).Dec()
	c.drop(reasonLeft)
}

// Deliver hands n to every connection of its recipients on this instance,
// without ever blocking: a client whose queue is full is evicted.
func (h *Hub) Deliver(n service.Notification) {
	view := n
	view.To = nil
	data, err := json.Marshal(view)
	if err != nil {
		return
	}
	m := message{id: n.ID, event: n.Type, data: data}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, user := range n.To {
		for c := range h.clients[user] {
			select {
			case c.send <- m:
			default:
				if c.drop(reasonSlow) { // not yet gone: its handler unregisters it
					h.evictions.Inc()
				}
			}
		}
	}
}

// Close drops every connection (the handlers send WebSocket close frames
// and end SSE streams) and refuses new ones: the first step of shutdown,
// since these connections would otherwise hold the HTTP drain open.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, cs := range h.clients {
		for c := range cs {
			c.drop(reasonShutdown)
		}
	}
}

// Connections reports how many connections are open on this instance.
func (h *Hub) Connections() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := 0
	for _, cs := range h.clients {
		n += len(cs)
	}
	return n
}
