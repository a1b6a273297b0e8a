// Package zerodrop is a load checker: keep-alive clients that never retry,
// and a report of every request that failed, by cause.
package zerodrop

import "time"

// Config is one run of the checker.
type Config struct {
	// URL is where every request goes (a POST without a body). Only
	// http:// on a loopback host (127.0.0.0/8, ::1, localhost) is allowed:
	// a load generator must not be pointed elsewhere by mistake.
	URL string
	// Clients is the number of concurrent clients; each keeps one
	// connection alive and reuses it.
	Clients int
	// MaxRequests bounds the requests of each client.
	MaxRequests int
	// Timeout bounds each request, from sending it to its last body byte.
	Timeout time.Duration
}

// Cause is why a request failed.
type Cause string

const (
	Refused Cause = "connection refused" // nothing listens: ECONNREFUSED
	Reset   Cause = "connection reset"   // the peer reset the connection: ECONNRESET (or EPIPE on a write)
	EOF     Cause = "EOF"                // the peer closed the connection before the response was complete
	Status  Cause = "non-2xx status"     // a response, but not a 2xx one
	Timeout Cause = "timeout"            // Config.Timeout ran out
	Other   Cause = "other"              // anything else
)

// Report is what a run saw. Every request sent is counted once: either
// OK or under one cause in Failed.
type Report struct {
	Sent   int
	OK     int
	Failed map[Cause]int
}
