package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"workbook/serve/problem"
)

// handlerFunc is a handler that returns its failure instead of writing it:
// the handler decides WHAT went wrong, fail decides how it is answered and
// logged, the same way for every route.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc to http.Handler.
func (s *server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail answers err as a problem and logs it: exactly one line per failure,
// Info without the cause for a 4xx (the client's mistake), Error with the
// whole cause chain for a 5xx (ours), plus the stack for a panic.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	attrs := []any{"request_id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client hung up: nobody reads an answer, and it is not our failure.
		s.logger.Info("request abandoned by the client", append(attrs, "err", err.Error())...)
		return
	}
	e := classify(err)
	status := e.status()
	attrs = append(attrs, "status", status, "code", string(e.code), "kind", e.kind.String())
	if status < 500 {
		s.logger.Info("request rejected", append(attrs, "detail", e.detail)...)
	} else {
		attrs = append(attrs, "err", err.Error(), "chain", chain(err))
		if p, ok := errors.AsType[*panicError](err); ok {
			attrs = append(attrs, "stack", string(p.stack))
		}
		s.logger.Error("request failed", attrs...)
	}
	if headerSent(w) {
		return // the status line is gone; the log line is all we can do
	}
	writeProblem(w, r, e, status)
}

// codedProblem is the house problem (RFC 9457) with one more extension
// member, code, so that a client switches on a stable name rather than on
// the English of detail.
type codedProblem struct {
	problem.Problem
	Code errorCode `json:"code"`
}

// writeProblem writes e as problem+json the way problem.Write does
// (instance = the request's URI, requestId from the response header), plus
// code and, for a 503, Retry-After.
func writeProblem(w http.ResponseWriter, r *http.Request, e *appError, status int) {
	p := codedProblem{Problem: *problem.New(status, e.detail), Code: e.code}
	p.Instance = r.URL.RequestURI()
	p.RequestID = w.Header().Get(problem.RequestIDHeader)
	p.Errors = e.fields
	h := w.Header()
	if e.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(ceilSeconds(e.retryAfter.Seconds())))
	}
	h.Set("Content-Type", problem.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // the client went away: nothing useful to do
}

func ceilSeconds(s float64) int {
	n := int(s)
	if float64(n) < s {
		n++
	}
	return max(n, 1)
}

// chain lists the dynamic type of every error in err's tree, outermost
// first, for the log: it shows at a glance which layers an error crossed.
func chain(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		out = append(out, fmt.Sprintf("%T", e))
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			if next := u.Unwrap(); next != nil {
				walk(next)
			}
		case interface{ Unwrap() []error }:
			for _, next := range u.Unwrap() {
				walk(next)
			}
		}
	}
	walk(err)
	return out
}

// panicError is a recovered panic as an error: its value for the message,
// its stack for the log only.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away: nothing useful to do
}

// maxBodyBytes bounds every request body.
const maxBodyBytes = 64 << 10

// decodeJSON reads one JSON object from r's body into v. Each way the body
// can be wrong is a user error with its own code; json's own messages
// (offsets, Go type names) stay out of the detail.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return userError(codeUnsupportedMediaType, "Content-Type must be application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Only white space may follow the object.
		if _, terr := dec.Token(); !errors.Is(terr, io.EOF) {
			err = terr
			if err == nil {
				err = errTrailingData
			}
		}
	}
	if err == nil {
		return nil
	}
	e := bodyError(err)
	e.err = err
	return e
}

var errTrailingData = errors.New("data after the JSON object")

// bodyError maps a decoding failure to what the client must fix.
func bodyError(err error) *appError {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return userError(codeBodyTooLarge, fmt.Sprintf("request body is larger than %d bytes", maxBodyBytes))
	}
	if syn, ok := errors.AsType[*json.SyntaxError](err); ok {
		return userError(codeMalformedBody, "request body is not valid JSON (at byte "+strconv.FormatInt(syn.Offset, 10)+")")
	}
	if typ, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return userError(codeMalformedBody, "field "+typ.Field+" has the wrong JSON type ("+typ.Value+")")
	}
	switch {
	case errors.Is(err, io.EOF):
		return userError(codeMalformedBody, "request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return userError(codeMalformedBody, "request body ends in the middle of a JSON value")
	case errors.Is(err, errTrailingData):
		return userError(codeMalformedBody, "request body must hold a single JSON object")
	}
	// DisallowUnknownFields: json's message is `json: unknown field "x"`.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return userError(codeMalformedBody, "unknown field "+name)
	}
	return userError(codeMalformedBody, "request body is not a JSON object of the expected shape")
}

// logger attrs helper for handlers that log a degraded success.
func (s *server) warn(r *http.Request, msg string, args ...any) {
	s.logger.Log(r.Context(), slog.LevelWarn, msg, append([]any{"request_id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path}, args...)...)
}
