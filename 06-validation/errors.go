package main

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
)

// fieldError is one problem with one input field. The shape is the API's
// contract: clients switch on `code` and show `message` next to `field`.
// Request-level problems (malformed JSON, wrong content type) have no field.
type fieldError struct {
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// errorBody is every error response this server sends:
// {"errors":[{"field":"email","code":"email","message":"..."}]}.
type errorBody struct {
	Errors []fieldError `json:"errors"`
}

func requestError(code, message string) fieldError {
	return fieldError{Code: code, Message: message}
}

// sortErrors orders errors by field, then code, so the same bad input always
// yields byte-for-byte the same response (clients and tests can rely on it).
func sortErrors(errs []fieldError) {
	slices.SortStableFunc(errs, func(a, b fieldError) int {
		return cmp.Or(cmp.Compare(a.Field, b.Field), cmp.Compare(a.Code, b.Code))
	})
}

func writeErrors(w http.ResponseWriter, status int, errs ...fieldError) {
	sortErrors(errs)
	writeJSON(w, status, errorBody{Errors: errs})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away; nothing useful to do
}
