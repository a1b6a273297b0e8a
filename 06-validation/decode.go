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

// maxBodyBytes bounds every request body: validation starts with not reading
// more than we are willing to hold.
const maxBodyBytes = 64 << 10

// decodeJSON reads one JSON object into dst. It is the schema step: the Go
// struct is the schema, so wrong types and unknown fields fail here, before
// any rule runs. On failure it has already written a 4xx and returns false.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		// A second value ("{}{}") is as malformed as a missing brace.
		if dec.Decode(&struct{}{}) != io.EOF {
			err = errors.New("body must contain a single JSON object")
		}
	}
	if err == nil {
		return true
	}

	var (
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
		maxErr    *http.MaxBytesError
	)
	switch {
	case errors.As(err, &maxErr):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("body must not exceed %d bytes", maxErr.Limit))
	case errors.As(err, &typeErr):
		// A type mismatch is a field-level failure: say which field and what it should be.
		writeInvalid(w, r, fieldError{
			Field:   typeErr.Field,
			Code:    "type",
			Message: "must be " + jsonKind(typeErr.Type.Kind().String()),
		})
	case errors.As(err, &syntaxErr):
		problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d: %v", syntaxErr.Offset, err))
	case errors.Is(err, io.EOF):
		problem.Error(w, r, http.StatusBadRequest, "body must be a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		problem.Error(w, r, http.StatusBadRequest, "body ends in the middle of a JSON value")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no typed error for this one; the text is stable.
		problem.Error(w, r, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "json: "))
	default:
		problem.Error(w, r, http.StatusBadRequest, err.Error())
	}
	return false
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	default:
		return "a number"
	}
}
