package main

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"workbook/08-handlers/article"
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

// errorBody is the single error format of this server:
//
//	{"error": {"code": "not_found", "message": "article \"x\" not found"}}
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError answers r with err in the server's error format. Domain errors
// keep their message; anything else is logged in full and reaches the client
// only as "internal error", so no SQL, path or stack trace ever leaks.
func writeError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code := article.ErrorCode(err)
	status, ok := statusByCode[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, errorBody{errorDetail{Code: code, Message: article.ErrorMessage(err)}})
}

// badRequest answers with 400 and msg: the request itself could not be read,
// before any domain rule was consulted.
func badRequest(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, errorBody{errorDetail{Code: "bad_request", Message: msg}})
}

// writeJSON writes v as the JSON body of a response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// Encoding a value we built cannot fail for a reason the client could fix;
	// a broken connection is the only realistic error and is not worth a log line.
	_ = json.NewEncoder(w).Encode(v)
}
