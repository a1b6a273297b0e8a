package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
)

const maxRequestBody = 1 << 20

// readJSON decodes an application/json body of at most 1 MiB into dst,
// strictly: unknown fields, wrong types and trailing data are 400s whose
// detail says what to fix; another media type is 415, a larger body 413.
func readJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return newProblem("unsupported-media-type", fmt.Sprintf("Content-Type must be application/json, got %q", ct))
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if errors.As(err, new(*http.MaxBytesError)) {
		return newProblem("payload-too-large", fmt.Sprintf("the body must be at most %d bytes", maxRequestBody))
	}
	if err != nil {
		// A read error is the connection's (a client that went away, a
		// broken chunk); its text says nothing the client can use.
		return newProblem("malformed-request", "the body could not be read")
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(dst); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return newProblem("malformed-request", "the body is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return newProblem("malformed-request", "the JSON ends before the value is complete")
		case errors.As(err, &syn):
			return newProblem("malformed-request", fmt.Sprintf("malformed JSON at byte %d: %v", syn.Offset, err))
		case errors.As(err, &typ):
			return newProblem("malformed-request", fmt.Sprintf("field %q must be a JSON %s, not %s", typ.Field, typ.Type, typ.Value))
		default:
			return newProblem("malformed-request", err.Error())
		}
	}
	// Only white space may follow the value. d.More() would not do: it
	// reports false before a stray ']' or '}', so `{} ]` would pass.
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return newProblem("malformed-request", "the body must hold a single JSON object")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
