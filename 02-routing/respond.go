package main

import (
	"encoding/json"
	"net/http"
)

// writeJSON writes a successful answer. Errors go through the shared
// workbook/serve/problem package instead, as RFC 9457 problem details, so
// every chapter's errors read the same way.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client has gone if this fails; nothing useful to do
}
