package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
)

// statusRecorder remembers the status and counts body bytes for logging.
//
// Wrapping a ResponseWriter hides the optional interfaces of the one
// inside (http.Flusher, http.Hijacker, …): a type assertion sees only the
// wrapper's methods. So the wrapper forwards Flush and Hijack itself, and
// Unwrap lets http.ResponseController reach everything else
// (SetWriteDeadline, EnableFullDuplex, …) without the wrapper knowing.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	// 1xx responses (103 Early Hints) are not the final status.
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Status is the status sent, or 200 if the handler wrote nothing (which
// is what net/http sends when a handler returns without writing).
func (r *statusRecorder) Status() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r *statusRecorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	http.NewResponseController(r.ResponseWriter).Flush()
}

func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(r.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, fmt.Errorf("recorder: %w", err)
	}
	r.status = http.StatusSwitchingProtocols // the connection left HTTP; log it as such
	return conn, rw, nil
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

var (
	_ http.Flusher  = (*statusRecorder)(nil)
	_ http.Hijacker = (*statusRecorder)(nil)
)
