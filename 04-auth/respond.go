package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// maxBodyBytes bounds every JSON body this server reads.
const maxBodyBytes = 64 << 10

// problem is an RFC 9457 problem-details body: one error shape for every 4xx.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // an API, not HTML: keep "<" readable
	enc.Encode(v)
}

// writeProblem sends status with a detail that says what was wrong.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail})
}

// decodeJSON reads exactly one JSON object into dst. It answers the client
// itself (415, 413 or 400) and returns false when the body is unusable.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			writeProblem(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
			return false
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var tooBig *http.MaxBytesError
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			writeProblem(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", tooBig.Limit))
		case errors.Is(err, io.EOF):
			writeProblem(w, http.StatusBadRequest, "body is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			writeProblem(w, http.StatusBadRequest, "JSON body ends too early")
		case errors.As(err, &syntax):
			writeProblem(w, http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d", syntax.Offset))
		case errors.As(err, &typ):
			writeProblem(w, http.StatusBadRequest, fmt.Sprintf("field %q must be a %s", typ.Field, typ.Type))
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			writeProblem(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "json: "))
		default:
			writeProblem(w, http.StatusBadRequest, "malformed JSON body")
		}
		return false
	}
	if dec.More() {
		writeProblem(w, http.StatusBadRequest, "body must hold a single JSON object")
		return false
	}
	return true
}
