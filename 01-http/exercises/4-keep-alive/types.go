package keepalive

import (
	"net/http"
	"time"
)

// Handler answers one request. ServeConn frames and writes the Reply.
type Handler func(req *http.Request) Reply

// Reply is a handler's answer: status, header fields and body.
type Reply struct {
	Status int
	Header http.Header
	Body   string
}

// Options tune ServeConn. Zero fields take the defaults noted.
type Options struct {
	// IdleTimeout is how long to wait for the next request to arrive
	// (default 5s).
	IdleTimeout time.Duration
	// MaxDrainBytes is how much request body the handler may leave unread
	// for ServeConn to read and discard so the connection can be reused
	// (default 64 KiB). More than that, and the connection is closed instead.
	MaxDrainBytes int64
}

// CloseReason says why ServeConn ended the connection.
type CloseReason int

const (
	// ClientClosed: the client closed the connection between requests.
	ClientClosed CloseReason = iota + 1
	// ClientAsked: the request carried "Connection: close".
	ClientAsked
	// HTTP10: an HTTP/1.0 request without "Connection: keep-alive".
	HTTP10
	// IdleTimeout: no new request within Options.IdleTimeout.
	IdleTimeout
	// BadRequest: a request could not be parsed; it was answered with 400.
	BadRequest
	// UndrainedBody: the handler left more than Options.MaxDrainBytes of body unread.
	UndrainedBody
)

func (r CloseReason) String() string {
	switch r {
	case ClientClosed:
		return "ClientClosed"
	case ClientAsked:
		return "ClientAsked"
	case HTTP10:
		return "HTTP10"
	case IdleTimeout:
		return "IdleTimeout"
	case BadRequest:
		return "BadRequest"
	case UndrainedBody:
		return "UndrainedBody"
	}
	return "CloseReason(0)"
}
