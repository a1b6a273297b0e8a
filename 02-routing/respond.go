package main

import (
	"encoding/json"
	"net/http"
)

// apiError is the one error body every route answers with.
type apiError struct {
	Error   string   `json:"error"`
	Message string   `json:"message"`
	Allow   []string `json:"allow,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client has gone if this fails; nothing useful to do
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, apiError{Error: code, Message: message})
}
