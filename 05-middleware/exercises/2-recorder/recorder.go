//go:build !solution

package recorder

import (
	"bufio"
	"errors"
	"net"
	"net/http"
)

var errNotImplemented = errors.New("not implemented: edit exercises/2-recorder/recorder.go")

// Recorder records the status and body size of a response as it passes
// through to the wrapped ResponseWriter.
type Recorder struct{}

// New wraps w.
func New(w http.ResponseWriter) *Recorder { return &Recorder{} }

// Header returns the wrapped writer's header map.
func (r *Recorder) Header() http.Header { return http.Header{} }

// WriteHeader records the first final (>= 200) status and passes every
// call's code on — except later final codes, which are dropped.
func (r *Recorder) WriteHeader(code int) {}

// Write passes p on and counts the bytes the wrapped writer accepted.
func (r *Recorder) Write(p []byte) (int, error) { return 0, errNotImplemented }

// Status is the final status sent, or 200 if nothing has been written.
func (r *Recorder) Status() int { return 0 }

// BytesWritten is the number of body bytes accepted by the wrapped writer.
func (r *Recorder) BytesWritten() int64 { return 0 }

// Flush flushes the wrapped writer when it can; otherwise it does nothing.
func (r *Recorder) Flush() {}

// Hijack hands over the connection when the wrapped writer can, and
// returns an error wrapping http.ErrNotSupported when it cannot.
func (r *Recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return nil, nil, errNotImplemented
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (r *Recorder) Unwrap() http.ResponseWriter { return nil }
