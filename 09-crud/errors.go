package main

import (
	"errors"
	"log/slog"
	"net/http"
)

// requestError is a problem with the request itself (malformed JSON, a bad
// query parameter, a wrong Content-Type). It carries its own status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(msg string) error { return &requestError{status: http.StatusBadRequest, msg: msg} }

// errorBody is the JSON every error response carries.
type errorBody struct {
	Error struct {
		Status  int               `json:"status"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// writeError is the one place an error becomes a status code. Errors it does
// not know are logged in full and reported to the client as "internal
// error" only: internals are never sent.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var body errorBody
	status := http.StatusInternalServerError
	msg := "internal error"
	var verr *ValidationError
	var rerr *requestError
	switch {
	case errors.As(err, &rerr):
		status, msg = rerr.status, rerr.msg
	case errors.As(err, &verr):
		status, msg = http.StatusUnprocessableEntity, "validation failed"
		body.Error.Fields = verr.Fields
	case errors.Is(err, ErrNotFound):
		status, msg = http.StatusNotFound, err.Error()
	case errors.Is(err, ErrGone):
		status, msg = http.StatusGone, err.Error()+"; POST to its /restore URL to bring it back"
	case errors.Is(err, ErrDuplicate), errors.Is(err, ErrNotGone):
		status, msg = http.StatusConflict, err.Error()
	case errors.Is(err, ErrPreconditionRequired):
		status, msg = http.StatusPreconditionRequired, err.Error()
	case errors.Is(err, ErrPreconditionFailed):
		status, msg = http.StatusPreconditionFailed, err.Error()
	default:
		log.Error("09-crud: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body.Error.Status, body.Error.Message = status, msg
	writeJSON(w, status, body)
}
