package writeresponse

import (
	"errors"
	"io"
	"net/http"
)

// Response is an HTTP/1.1 response to serialize with Write.
type Response struct {
	// StatusCode is the three-digit status code, 100 to 999.
	StatusCode int

	// Reason is the reason phrase. When empty, http.StatusText(StatusCode)
	// is used, which is itself empty for an unregistered code.
	Reason string

	// Header holds the header fields to send. It must not contain the
	// framing fields Content-Length, Transfer-Encoding or Trailer: Write
	// derives those from ContentLength and Trailer.
	Header http.Header

	// Body is read for the content; nil means an empty body.
	Body io.Reader

	// ContentLength is the number of bytes Body holds, or -1 when the length
	// is unknown in advance, which makes Write use chunked transfer coding.
	ContentLength int64

	// Trailer holds fields to send after a chunked body. It may only be set
	// when ContentLength is -1.
	Trailer http.Header

	// HeadRequest reports that this answers a HEAD request: the headers are
	// the ones a GET would get, and no body follows.
	HeadRequest bool
}

// Errors Write returns, wrapped with detail; test for them with errors.Is.
var (
	// ErrInvalidStatus: StatusCode is outside 100–999.
	ErrInvalidStatus = errors.New("writeresponse: invalid status code")
	// ErrInvalidReason: the reason phrase holds a control character such as CR or LF.
	ErrInvalidReason = errors.New("writeresponse: invalid reason phrase")
	// ErrInvalidHeader: a field name is not a token, or a value holds a control character.
	ErrInvalidHeader = errors.New("writeresponse: invalid header field")
	// ErrFramingHeader: Header sets Content-Length, Transfer-Encoding or Trailer itself.
	ErrFramingHeader = errors.New("writeresponse: framing header set by caller")
	// ErrBodyNotAllowed: a 1xx, 204 or 304 response was given a Body.
	ErrBodyNotAllowed = errors.New("writeresponse: status does not allow a body")
	// ErrBodyLength: Body holds fewer or more bytes than ContentLength says.
	ErrBodyLength = errors.New("writeresponse: body length does not match ContentLength")
	// ErrTrailerNeedsChunked: Trailer is set but ContentLength is not -1.
	ErrTrailerNeedsChunked = errors.New("writeresponse: trailer fields need chunked transfer coding")
)
