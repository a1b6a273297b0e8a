package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// writeJSON sends v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep <, > and & readable in SQL and messages
	_ = enc.Encode(v)        // the client went away: nothing left to tell it
}

type errorBody struct {
	Error string `json:"error"`
}

// writeError maps an error to its status in exactly one table. Errors of a
// known kind carry a message written for the client; anything else is an
// internal failure whose detail goes to the log, not the response.
func (h *handlers) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, ErrInvalid):
		status = http.StatusBadRequest
	case errors.Is(err, ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, ErrAlreadyExists):
		status = http.StatusConflict
	case errors.Is(err, ErrUnknownAuthor):
		status = http.StatusUnprocessableEntity
	case r.Context().Err() != nil:
		status = http.StatusServiceUnavailable
	}
	if status >= 500 {
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeJSON(w, status, errorBody{Error: "internal error"})
		return
	}
	writeJSON(w, status, errorBody{Error: err.Error()})
}

// decodeJSON reads one JSON object into dst, refusing unknown fields,
// trailing data and bodies over maxBodyBytes, with messages that say which.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var maxErr *http.MaxBytesError
		var syntaxErr *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &maxErr):
			return fmt.Errorf("%w: body is larger than %d bytes", ErrInvalid, maxBodyBytes)
		case errors.Is(err, io.EOF):
			return fmt.Errorf("%w: body is empty, want a JSON object", ErrInvalid)
		case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%w: body is not valid JSON: %v", ErrInvalid, err)
		case errors.As(err, &typeErr):
			return fmt.Errorf("%w: field %q must be a %s", ErrInvalid, typeErr.Field, typeErr.Type)
		default:
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
	}
	if dec.More() {
		return fmt.Errorf("%w: body has data after the JSON object", ErrInvalid)
	}
	return nil
}
