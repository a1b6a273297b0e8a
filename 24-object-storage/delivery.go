package main

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"workbook/serve/problem"
)

// serveContent is http.ServeContent — Range, If-Range, conditional GETs,
// HEAD — with its error answers (416, 412) rewritten as problem details,
// the house error body, instead of its one line of plain text.
func serveContent(w http.ResponseWriter, r *http.Request, modified time.Time, content io.ReadSeeker) {
	pw := &problemOnError{ResponseWriter: w}
	http.ServeContent(pw, r, "", modified, content)
	switch {
	case pw.status == 0:
	case pw.status == http.StatusRequestedRangeNotSatisfiable && w.Header().Get("Content-Range") != "":
		problem.Error(w, r, pw.status, fmt.Sprintf("no range in %q overlaps the content; Content-Range gives its size", r.Header.Get("Range")))
	case pw.status == http.StatusRequestedRangeNotSatisfiable:
		problem.Error(w, r, pw.status, fmt.Sprintf("the Range header %q is not a valid bytes range", r.Header.Get("Range")))
	case pw.status == http.StatusPreconditionFailed:
		problem.Error(w, r, pw.status, "If-Match or If-Unmodified-Since does not hold for the current content")
	default:
		problem.Error(w, r, pw.status, "the content could not be read")
	}
}

// problemOnError holds back the status and body of an error response
// so that serveContent can write its own.
type problemOnError struct {
	http.ResponseWriter
	status int
}

func (p *problemOnError) WriteHeader(code int) {
	if code >= 400 {
		p.status = code
		return
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *problemOnError) Write(b []byte) (int, error) {
	if p.status != 0 {
		return len(b), nil // ServeContent's plain-text message: dropped
	}
	return p.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (p *problemOnError) Unwrap() http.ResponseWriter { return p.ResponseWriter }
