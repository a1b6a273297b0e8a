package main

import (
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// errTooLarge is a body (or an upload) over its limit. It maps to 413.
type errTooLarge struct {
	what  string
	limit int64
}

func (e *errTooLarge) Error() string { return fmt.Sprintf("%s exceeds %d bytes", e.what, e.limit) }

// statusError is a client mistake with its status and machine-readable code.
type statusError struct {
	status int
	code   string
	msg    string
}

func (e *statusError) Error() string { return e.msg }

func clientError(status int, code, format string, args ...any) error {
	return &statusError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// openBody returns the request body, bounded twice, both times by
// http.MaxBytesReader (which fails with *http.MaxBytesError past its limit and
// tells the server to close the connection if the client keeps sending):
//
//  1. around r.Body, capping the bytes on the wire at limit;
//  2. if the body is gzip-compressed (Content-Encoding: gzip), around the
//     gzip.Reader as well, capping the DECOMPRESSED bytes at limit. Without
//     it, 10 KB of gzip expands to 10 MB (or 10 GB) inside our memory: a
//     decompression bomb. The wire cap still matters under gzip: empty gzip
//     members decompress to nothing, so only it bounds how many we read.
//
// Any other Content-Encoding is refused with 415 (RFC 9110 §15.5.16).
func openBody(w http.ResponseWriter, r *http.Request, limit int64) (io.ReadCloser, error) {
	wire := http.MaxBytesReader(w, r.Body, limit)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		return wire, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(wire)
		if err != nil {
			return nil, err
		}
		return http.MaxBytesReader(w, zr, limit), nil
	default:
		w.Header().Set("Accept-Encoding", "gzip")
		return nil, clientError(http.StatusUnsupportedMediaType, "unsupported_encoding",
			"Content-Encoding %q is not supported; send gzip or no encoding", enc)
	}
}

// bodyStatus maps an error from reading or parsing a body to the response:
// the one table from failure to status code.
func bodyStatus(err error) (status int, code, msg string, ok bool) {
	var (
		se      *statusError
		tooBig  *errTooLarge
		maxErr  *http.MaxBytesError
		corrupt flate.CorruptInputError
	)
	switch {
	case errors.As(err, &se):
		return se.status, se.code, se.msg, true
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "too_large", tooBig.Error(), true
	case errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("body exceeds %d bytes", maxErr.Limit), true
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return http.StatusBadRequest, "bad_gzip", "body is not valid gzip: " + err.Error(), true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return http.StatusBadRequest, "truncated", "body ended early", true
	}
	return 0, "", "", false
}

// fail answers a failed body read or parse: a 4xx for anything the client
// did, a logged 500 for anything else.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if status, code, msg, ok := bodyStatus(err); ok {
		s.log.Info("request rejected", "path", r.URL.Path, "status", status, "code", code)
		s.writeError(w, r, status, code, msg)
		return
	}
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	s.writeError(w, r, http.StatusInternalServerError, "internal", "internal error")
}
