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

// maxRequestBody bounds every request body; an article body is at most
// 64 KiB, so 1 MiB leaves room for JSON escaping and nothing more.
const maxRequestBody = 1 << 20

// readBody reads at most maxRequestBody bytes after checking the media type.
func readBody(w http.ResponseWriter, r *http.Request, mediaType string) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != mediaType {
		return nil, &requestError{status: http.StatusUnsupportedMediaType,
			msg: fmt.Sprintf("Content-Type must be %s, got %q", mediaType, ct)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &requestError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("request body must be at most %d bytes", maxRequestBody)}
	}
	if err != nil {
		return nil, badRequest("could not read request body: " + err.Error())
	}
	return body, nil
}

// decodeStrict decodes exactly one JSON value into dst, refusing unknown
// fields and trailing data, with messages that say what to fix.
func decodeStrict(data []byte, dst any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(dst); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return badRequest("request body is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return badRequest("malformed JSON: the body ends before the value is complete")
		case errors.As(err, &syn):
			return badRequest(fmt.Sprintf("malformed JSON at byte %d: %v", syn.Offset, err))
		case errors.As(err, &typ):
			return badRequest(fmt.Sprintf("field %q must be a JSON %s, not %s", typ.Field, typ.Type, typ.Value))
		default:
			return badRequest(err.Error()) // e.g. `json: unknown field "slug"`
		}
	}
	// Only whitespace may follow the value. d.More() is not enough: it
	// reports false before a stray ']' or '}', so `{} ]` would pass.
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return badRequest("request body must hold a single JSON object")
	}
	return nil
}

// readJSON reads an application/json body into dst.
func readJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	body, err := readBody(w, r, "application/json")
	if err != nil {
		return err
	}
	return decodeStrict(body, dst)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the status is sent; a failed write means the client left
}
