package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"workbook/serve/problem"
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

// validationError is a 422: every field of the request body that breaks a
// rule, each with a JSON Pointer (RFC 6901) to the field and what is wrong.
type validationError struct {
	fields []problem.FieldError
}

// add records one more invalid field.
func (e *validationError) add(pointer, format string, args ...any) {
	e.fields = append(e.fields, problem.FieldError{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

// err returns e when it holds a field, and nil otherwise.
func (e *validationError) err() error {
	if len(e.fields) == 0 {
		return nil
	}
	return e
}

func (e *validationError) Error() string {
	parts := make([]string, len(e.fields))
	for i, f := range e.fields {
		parts[i] = f.Pointer + ": " + f.Detail
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// invalidField is a validationError about one field.
func invalidField(pointer, format string, args ...any) error {
	var v validationError
	v.add(pointer, format, args...)
	return &v
}

// writeError maps an error to its problem in exactly one table. Errors of a
// known kind carry a detail written for the client; anything else — a
// driver error, SQL, a constraint's message — is logged with the request
// and answered with a detail that says only that it happened.
func (h *handlers) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var invalid *validationError
	var refused *constraintError
	switch {
	case errors.As(err, &invalid):
		p := problem.New(http.StatusUnprocessableEntity, "the request breaks the rules listed in errors")
		p.Errors = invalid.fields
		problem.Write(w, r, p)
	case errors.As(err, &refused):
		// The Go rules in validate.go mirror the schema's CHECKs; when the
		// database still refuses a row, the two disagree. The client learns
		// its input was refused; the constraint and its message go to the log.
		h.logger.Warn("the database refused a row that validation passed", "method", r.Method, "path", r.URL.Path, "constraint", refused.constraint, "err", refused.err)
		problem.Error(w, r, http.StatusUnprocessableEntity, "a value breaks a rule of the database schema")
	case errors.Is(err, errUnsupportedMedia):
		problem.Error(w, r, http.StatusUnsupportedMediaType, err.Error())
	case errors.Is(err, errTooLarge):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, err.Error())
	case errors.Is(err, errInvalid):
		problem.Error(w, r, http.StatusBadRequest, err.Error())
	case errors.Is(err, errNotFound):
		problem.Error(w, r, http.StatusNotFound, err.Error())
	case errors.Is(err, errAlreadyExists):
		problem.Error(w, r, http.StatusConflict, err.Error())
	case errors.Is(r.Context().Err(), context.DeadlineExceeded):
		h.logger.Warn("request deadline passed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusServiceUnavailable, fmt.Sprintf("the database did not answer within %s; try again later", requestTimeout))
	case r.Context().Err() != nil:
		// The client hung up: nobody reads this answer, but the log says why.
		h.logger.Info("request cancelled by the client", "method", r.Method, "path", r.URL.Path)
		problem.Error(w, r, http.StatusServiceUnavailable, "the request was cancelled")
	default:
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the request failed on our side; the error is logged")
	}
}

// decodeJSON reads one JSON object into dst, refusing unknown fields,
// trailing data and bodies over maxBodyBytes, with messages that say which.
// It never echoes the decoder's message, which can quote the input back.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		return fmt.Errorf("%w: Content-Type %q; send application/json", errUnsupportedMedia, ct)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var maxErr *http.MaxBytesError
		var syntaxErr *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &maxErr):
			return fmt.Errorf("%w: the body is larger than %d bytes", errTooLarge, maxErr.Limit)
		case errors.Is(err, io.EOF):
			return fmt.Errorf("%w: body is empty, want a JSON object", errInvalid)
		case errors.As(err, &syntaxErr):
			return fmt.Errorf("%w: body is not valid JSON (at byte %d)", errInvalid, syntaxErr.Offset)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%w: body is not valid JSON (it ends too soon)", errInvalid)
		case errors.As(err, &typeErr):
			return fmt.Errorf("%w: field %q must be a %s", errInvalid, typeErr.Field, typeErr.Type)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return fmt.Errorf("%w: %s", errInvalid, strings.TrimPrefix(err.Error(), "json: "))
		default:
			return fmt.Errorf("%w: body is not a JSON object", errInvalid)
		}
	}
	if dec.More() {
		return fmt.Errorf("%w: body has data after the JSON object", errInvalid)
	}
	return nil
}

// isJSON reports whether a Content-Type names JSON: application/json or a
// +json suffix type (RFC 6839 §3.1), with any parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
