package connreuse

import "errors"

// BodyHandling says what Probe does with each response body.
type BodyHandling int

const (
	// DrainAndClose reads the body to the end, then closes it: the
	// connection is clean and can carry the next request.
	DrainAndClose BodyHandling = iota
	// CloseOnly closes the body without reading it: the rest of the
	// response is still in the connection, in the way of the next one.
	CloseOnly
)

// ConnUse records how one request got its connection, as httptrace saw it.
type ConnUse struct {
	Reused    bool   // the connection had carried an earlier request
	WasIdle   bool   // it was taken from the pool of idle connections
	LocalAddr string // the client's end of the connection, e.g. "127.0.0.1:53422": one per TCP connection
	Proto     string // the response's protocol, "HTTP/1.1" or "HTTP/2.0"
	Status    int    // the response's status code
}

// Report is what Probe found out.
type Report struct {
	Requests []ConnUse // one per request, in order
	NewConns int       // requests that had to open a new connection
	Reused   int       // requests that reused one
}

// ErrInvalidCount is returned (wrapped) for a request count below 1.
var ErrInvalidCount = errors.New("connreuse: request count must be at least 1")
