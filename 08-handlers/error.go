package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"workbook/08-handlers/article"
	"workbook/serve/problem"
)

// statusByCode is the one table that turns a domain error code into an HTTP
// status. Every handler reports failure through writeError, so a code means
// the same status on every route.
var statusByCode = map[string]int{
	article.EINVALID:      http.StatusUnprocessableEntity,
	article.ENOTFOUND:     http.StatusNotFound,
	article.ECONFLICT:     http.StatusConflict,
	article.EUNAUTHORIZED: http.StatusUnauthorized,
	article.EFORBIDDEN:    http.StatusForbidden,
	article.EINTERNAL:     http.StatusInternalServerError,
}

// writeError answers r with err as the house error body, an RFC 9457
// problem (workbook/serve/problem). Domain errors keep their message, and
// an EINVALID error lists each bad field under "errors"; anything else is
// logged in full and reaches the client only as "internal error", so no
// SQL, path or stack trace ever leaks.
func writeError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	status, ok := statusByCode[article.ErrorCode(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		logger.ErrorContext(r.Context(), "request failed", "request_id", requestIDFrom(r.Context()),
			"method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := problem.New(status, article.ErrorMessage(err))
	var e *article.Error
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			// The domain names the field; its place in the request body is
			// a JSON Pointer (RFC 6901).
			p.Errors = append(p.Errors, problem.FieldError{Pointer: "/" + f.Field, Detail: f.Message})
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="08-handlers"`)
	}
	problem.Write(w, r, p)
}

// writeJSON writes v as the JSON body of a response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// Encoding a value we built cannot fail for a reason the client could fix;
	// a broken connection is the only realistic error and is not worth a log line.
	_ = json.NewEncoder(w).Encode(v)
}
