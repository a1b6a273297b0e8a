package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

// maxBodyBytes bounds every JSON body this server reads.
const maxBodyBytes = 64 << 10

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // an API, not HTML: keep "<" readable
	enc.Encode(v)
}

// writeProblem sends status with a detail that says what was wrong, as an
// RFC 9457 problem details body (workbook/serve/problem, the house shape of
// every chapter): instance is the request's URI.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	problem.Error(w, r, status, detail)
}

// writeInvalid answers 422 with every invalid field in the problem's
// errors member.
func writeInvalid(w http.ResponseWriter, r *http.Request, detail string, invalid []problem.FieldError) {
	p := problem.New(http.StatusUnprocessableEntity, detail)
	p.Errors = invalid
	problem.Write(w, r, p)
}

// decodeJSON reads exactly one JSON object into dst. It answers the client
// itself (415, 413 or 400) and returns false when the body is unusable.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			writeProblem(w, r, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
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
			writeProblem(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", tooBig.Limit))
		case errors.Is(err, io.EOF):
			writeProblem(w, r, http.StatusBadRequest, "body is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			writeProblem(w, r, http.StatusBadRequest, "JSON body ends too early")
		case errors.As(err, &syntax):
			writeProblem(w, r, http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d", syntax.Offset))
		case errors.As(err, &typ):
			writeProblem(w, r, http.StatusBadRequest, fmt.Sprintf("field %q must be a %s", typ.Field, typ.Type))
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			writeProblem(w, r, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "json: "))
		default:
			writeProblem(w, r, http.StatusBadRequest, "malformed JSON body")
		}
		return false
	}
	if dec.More() {
		writeProblem(w, r, http.StatusBadRequest, "body must hold a single JSON object")
		return false
	}
	return true
}
