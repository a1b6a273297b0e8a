package parserequest

import (
	"errors"
	"io"
	"net/http"
)

// Request is an HTTP/1.x request as read off the wire.
type Request struct {
	Method string // e.g. "GET"; methods are case-sensitive, so "get" is kept as is
	Target string // the request-target exactly as sent: "/path?q=1", "*", "example.com:443"…
	Proto  string // "HTTP/1.1" or "HTTP/1.0"

	// Header holds the header fields by canonical name, values trimmed of
	// surrounding whitespace, in the order they arrived.
	Header http.Header

	// Body is the content, with any chunked framing removed; empty when
	// the request has none.
	Body []byte

	// Trailer holds the fields sent after a chunked body; nil when none.
	Trailer http.Header
}

// Limits bounds what ReadRequest will accept. A zero field takes its value
// from DefaultLimits.
type Limits struct {
	MaxLineBytes   int   // longest request line, field line or chunk-size line, without its line ending
	MaxHeaderCount int   // most fields in the header section (and, separately, in the trailer section)
	MaxHeaderBytes int   // most bytes in the header section, line endings included
	MaxBodyBytes   int64 // largest body, after removing chunked framing
}

// DefaultLimits are the limits used for zero fields of Limits.
var DefaultLimits = Limits{
	MaxLineBytes:   8 << 10,
	MaxHeaderCount: 100,
	MaxHeaderBytes: 64 << 10,
	MaxBodyBytes:   1 << 20,
}

// Errors ReadRequest returns, wrapped with detail; test for them with
// errors.Is. StatusCode maps each to the response a server should send.
var (
	ErrRequestLineTooLong          = errors.New("parserequest: request line too long")
	ErrMalformedRequestLine        = errors.New("parserequest: malformed request line")
	ErrUnsupportedVersion          = errors.New("parserequest: unsupported HTTP version")
	ErrHeaderTooLarge              = errors.New("parserequest: header field or section too large")
	ErrTooManyHeaders              = errors.New("parserequest: too many header fields")
	ErrMalformedHeader             = errors.New("parserequest: malformed header field")
	ErrObsFold                     = errors.New("parserequest: obsolete line folding is not accepted")
	ErrBadHost                     = errors.New("parserequest: missing or repeated Host")
	ErrInvalidContentLength        = errors.New("parserequest: invalid Content-Length")
	ErrConflictingFraming          = errors.New("parserequest: both Content-Length and Transfer-Encoding")
	ErrUnsupportedTransferEncoding = errors.New("parserequest: unsupported Transfer-Encoding")
	ErrMalformedChunk              = errors.New("parserequest: malformed chunked body")
	ErrBodyTooLarge                = errors.New("parserequest: body too large")
)

// StatusCode returns the status a server should answer a request with when
// ReadRequest failed with err. io.EOF (the client closed the connection
// between requests) needs no answer and maps to 0.
func StatusCode(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, io.EOF):
		return 0
	case errors.Is(err, ErrRequestLineTooLong):
		return http.StatusRequestURITooLong // 414
	case errors.Is(err, ErrUnsupportedVersion):
		return http.StatusHTTPVersionNotSupported // 505
	case errors.Is(err, ErrHeaderTooLarge), errors.Is(err, ErrTooManyHeaders):
		return http.StatusRequestHeaderFieldsTooLarge // 431
	case errors.Is(err, ErrUnsupportedTransferEncoding):
		return http.StatusNotImplemented // 501
	case errors.Is(err, ErrBodyTooLarge):
		return http.StatusRequestEntityTooLarge // 413
	default:
		return http.StatusBadRequest // 400, including a request cut short
	}
}
