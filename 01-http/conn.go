package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// connInfo is what the server knows about one TCP connection.
type connInfo struct {
	id       uint64       // 1, 2, 3… in the order connections were accepted
	remote   string       // the client's address: IP and ephemeral port
	opened   time.Time    // when the connection was accepted
	requests atomic.Int64 // requests seen on it; HTTP/2 counts them concurrently
}

// connTracker numbers connections and counts the requests on each. It plugs
// into http.Server at two hooks:
//
//   - ConnContext runs once per accepted connection and returns the context
//     every request on that connection starts from: the place to attach
//     per-connection data.
//   - ConnState reports each connection's life: new, active, idle, closed.
//     It is used here to log openings and closings and to count open ones.
type connTracker struct {
	logger *slog.Logger
	nextID atomic.Uint64

	mu    sync.Mutex
	conns map[net.Conn]*connInfo // open connections
}

func newConnTracker(logger *slog.Logger) *connTracker {
	return &connTracker{logger: logger, conns: make(map[net.Conn]*connInfo)}
}

type (
	connKey    struct{}
	requestKey struct{}
)

// connContext is the http.Server.ConnContext hook.
func (t *connTracker) connContext(ctx context.Context, c net.Conn) context.Context {
	info := &connInfo{id: t.nextID.Add(1), remote: c.RemoteAddr().String(), opened: time.Now()}
	t.mu.Lock()
	t.conns[c] = info
	t.mu.Unlock()
	return context.WithValue(ctx, connKey{}, info)
}

// connState is the http.Server.ConnState hook. net/http calls ConnContext
// before the first state change, so every connection is in t.conns by now.
func (t *connTracker) connState(c net.Conn, state http.ConnState) {
	t.mu.Lock()
	info := t.conns[c]
	if state == http.StateClosed || state == http.StateHijacked {
		delete(t.conns, c)
	}
	t.mu.Unlock()
	if info == nil {
		return
	}
	switch state {
	case http.StateNew:
		t.logger.Info("connection opened", "conn", info.id, "remote", info.remote)
	case http.StateClosed, http.StateHijacked:
		t.logger.Info("connection closed", "conn", info.id, "requests", info.requests.Load(),
			"lifetime", time.Since(info.opened).Round(time.Millisecond))
	}
}

// open reports how many connections are open right now.
func (t *connTracker) open() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.conns)
}

// countRequests numbers each request within its connection and records the
// number in the request's context.
func (t *connTracker) countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(connKey{}).(*connInfo); ok {
			seq := info.requests.Add(1)
			r = r.WithContext(context.WithValue(r.Context(), requestKey{}, seq))
		}
		next.ServeHTTP(w, r)
	})
}

// connFromContext returns the request's connection and its number on that
// connection; nil and 0 when the request did not come through the server
// (as in a test using httptest.NewRecorder).
func connFromContext(ctx context.Context) (*connInfo, int64) {
	info, _ := ctx.Value(connKey{}).(*connInfo)
	seq, _ := ctx.Value(requestKey{}).(int64)
	return info, seq
}

// connReport is the body of GET /conn.
type connReport struct {
	Proto         string `json:"proto"`           // "HTTP/1.1" or "HTTP/2.0"
	TLS           bool   `json:"tls"`             // whether the connection is encrypted
	ALPN          string `json:"alpn,omitempty"`  // protocol agreed in the TLS handshake ("h2", "http/1.1")
	RemoteAddr    string `json:"remote_addr"`     // client IP and port: a new port means a new connection
	ConnID        uint64 `json:"conn_id"`         // server's number for the connection
	RequestOnConn int64  `json:"request_on_conn"` // 1 for the first request on it, 2 for the next…
	OpenConns     int    `json:"open_conns"`      // connections open to the server right now
}

// handleConn answers GET /conn with a connReport for this request.
func (t *connTracker) handleConn(w http.ResponseWriter, r *http.Request) {
	rep := connReport{Proto: r.Proto, RemoteAddr: r.RemoteAddr, OpenConns: t.open()}
	if info, seq := connFromContext(r.Context()); info != nil {
		rep.ConnID, rep.RequestOnConn = info.id, seq
	}
	if r.TLS != nil {
		rep.TLS, rep.ALPN = true, r.TLS.NegotiatedProtocol
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(rep) // a failed write means the client is gone
}
