//go:build solution

package recorder

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
)

// Recorder embeds nothing on purpose: embedding http.ResponseWriter would
// compile even if a method were forgotten, silently hiding the wrapped one.
type Recorder struct {
	w      http.ResponseWriter
	status int // 0 until a final status is sent
	bytes  int64
}

func New(w http.ResponseWriter) *Recorder { return &Recorder{w: w} }

func (r *Recorder) Header() http.Header { return r.w.Header() }

func (r *Recorder) WriteHeader(code int) {
	if code < 200 { // informational (103 Early Hints): may come several times, not final
		r.w.WriteHeader(code)
		return
	}
	if r.status != 0 {
		return // superfluous: the status line has gone already
	}
	r.status = code
	r.w.WriteHeader(code)
}

func (r *Recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK // net/http sends an implicit 200 on first Write
	}
	n, err := r.w.Write(p)
	r.bytes += int64(n)
	return n, err
}

func (r *Recorder) Status() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r *Recorder) BytesWritten() int64 { return r.bytes }

// Flush goes through ResponseController, which finds a Flusher even when
// the writer below is itself a wrapper with an Unwrap method.
func (r *Recorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	_ = http.NewResponseController(r.w).Flush()
}

func (r *Recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(r.w).Hijack()
	if err != nil {
		return nil, nil, fmt.Errorf("recorder: hijack: %w", err)
	}
	return conn, rw, nil
}

func (r *Recorder) Unwrap() http.ResponseWriter { return r.w }
