//go:build !solution

package writeresponse

import (
	"errors"
	"io"
)

// Write serializes res to w as an HTTP/1.1 response: status line, header
// fields in a deterministic order, the empty line, and the body framed by
// Content-Length or chunked transfer coding. See README.md for the rules.
func Write(w io.Writer, res *Response) error {
	return errors.New("not implemented: edit exercises/2-write-response/response.go")
}
