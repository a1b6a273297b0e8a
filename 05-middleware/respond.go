package main

import (
	"encoding/json"
	"net/http"
)

// writeJSON sends v as JSON. Errors go through workbook/serve/problem
// instead, as RFC 9457 problem details.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away; nothing useful to do
}
