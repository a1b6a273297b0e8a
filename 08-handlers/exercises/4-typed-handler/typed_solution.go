//go:build solution

package typedhandler

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
)

func (c Created[T]) status() int { return http.StatusCreated }

// MarshalJSON makes Created[T] encode as its Value.
func (c Created[T]) MarshalJSON() ([]byte, error) { return json.Marshal(c.Value) }

// Handle adapts fn to an http.Handler. See README.md for the contract.
func Handle[In, Out any](fn func(context.Context, In) (Out, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in In
		if hasBody(r) {
			if status, msg := decode(w, r, &in); status != 0 {
				writeError(w, status, msg)
				return
			}
		}
		// Validate may be declared on In or on *In; either way it is in the
		// method set of *In, so one assertion finds both.
		if v, ok := any(&in).(Validator); ok {
			if err := v.Validate(); err != nil {
				writeError(w, http.StatusUnprocessableEntity, err.Error())
				return
			}
		}
		out, err := fn(r.Context(), in)
		if err != nil {
			var se StatusError
			if errors.As(err, &se) && se.HTTPStatus() >= 400 && se.HTTPStatus() < 600 {
				writeError(w, se.HTTPStatus(), se.Error())
				return
			}
			writeError(w, http.StatusInternalServerError, "internal error")
			return
		}
		switch o := any(out).(type) {
		case NoContent, *NoContent:
			w.WriteHeader(http.StatusNoContent)
			return
		case statuser:
			writeJSON(w, o.status(), out)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// hasBody reports whether the request carries a body to decode.
func hasBody(r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		return true
	}
	return r.ContentLength > 0
}

func decode(w http.ResponseWriter, r *http.Request, v any) (int, string) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return http.StatusUnsupportedMediaType, "Content-Type must be application/json"
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return http.StatusRequestEntityTooLarge, "request body is too large"
		case errors.Is(err, io.EOF):
			return http.StatusBadRequest, "request body is empty"
		default:
			return http.StatusBadRequest, "invalid JSON: " + err.Error()
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return http.StatusBadRequest, "request body must hold exactly one JSON value"
	}
	return 0, ""
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
