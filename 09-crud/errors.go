package main

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"

	"workbook/serve/problem"
)

// requestError is a problem with the request itself (malformed JSON, a bad
// query parameter, a wrong Content-Type). It carries its own status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(msg string) error { return &requestError{status: http.StatusBadRequest, msg: msg} }

// statusOf is the one table from a store error to an HTTP status.
var statusOf = []struct {
	err    error
	status int
}{
	{errNotFound, http.StatusNotFound},
	{errGone, http.StatusGone},
	{errDuplicate, http.StatusConflict},
	{errNotGone, http.StatusConflict},
	{errPreconditionRequired, http.StatusPreconditionRequired},
	{errPreconditionFailed, http.StatusPreconditionFailed},
	{errKeyReused, http.StatusUnprocessableEntity},
	{errTooManyKeys, http.StatusServiceUnavailable},
}

// writeError is the one place an error becomes a response: an RFC 9457
// problem (workbook/serve/problem), the house error body. A validation
// failure is 422 listing every bad field by JSON Pointer. Errors it does not
// know are logged in full and reported to the client as "internal error"
// only: internals are never sent.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var verr *validationError
	var rerr *requestError
	switch {
	case errors.As(err, &rerr):
		problem.Error(w, r, rerr.status, rerr.msg)
		return
	case errors.As(err, &verr):
		p := problem.New(http.StatusUnprocessableEntity, "the article has invalid fields")
		fields := make([]string, 0, len(verr.Fields))
		for f := range verr.Fields {
			fields = append(fields, f)
		}
		slices.Sort(fields)
		for _, f := range fields {
			p.Errors = append(p.Errors, problem.FieldError{Pointer: verr.base + "/" + f, Detail: verr.Fields[f]})
		}
		problem.Write(w, r, p)
		return
	}
	for _, e := range statusOf {
		if errors.Is(err, e.err) {
			detail := err.Error()
			switch e.status {
			case http.StatusGone:
				detail += "; POST to its /restore URL to bring it back"
			case http.StatusServiceUnavailable:
				w.Header().Set("Retry-After", "60")
			}
			problem.Error(w, r, e.status, detail)
			return
		}
	}
	log.Error("09-crud: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	problem.Error(w, r, http.StatusInternalServerError, "internal error")
}
