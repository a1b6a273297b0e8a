//go:build solution

package errormapping

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
)

// statusByCode is the one table from domain code to HTTP status.
var statusByCode = map[Code]int{
	CodeInvalid:      http.StatusUnprocessableEntity,
	CodeNotFound:     http.StatusNotFound,
	CodeConflict:     http.StatusConflict,
	CodeUnauthorized: http.StatusUnauthorized,
	CodeForbidden:    http.StatusForbidden,
}

// StatusFor returns the HTTP status for err. See README.md for the table.
func StatusFor(err error) int {
	status, _, _ := classify(err)
	return status
}

// WriteError writes err to w as {"error":{"code":...,"message":...}} with
// the status StatusFor picks.
func WriteError(w http.ResponseWriter, err error) {
	status, code, msg := classify(err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]map[string]string{"error": {"code": code, "message": msg}})
}

// classify finds the status, code and client-safe message for err. errors.As
// walks wrapped errors and errors.Join trees, so a coded error deep in a
// chain still decides the answer.
func classify(err error) (status int, code, msg string) {
	var de *Error
	switch {
	case err == nil:
		return http.StatusOK, "", ""
	case errors.As(err, &de):
		if s, ok := statusByCode[de.Code]; ok {
			return s, string(de.Code), de.Message
		}
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout, "timeout", "the request took too long"
	}
	return http.StatusInternalServerError, "internal", "internal error"
}
