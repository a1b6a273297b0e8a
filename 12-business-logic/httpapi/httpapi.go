// Package httpapi is the HTTP adapter of the publishing service: it turns
// requests into use-case calls and domain errors into statuses. It holds
// no business rule — delete it and the workflow still works (the tests and
// the contract suite drive the service directly).
package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
)

const maxBodyBytes = 64 << 10

// Server serves the publishing API.
type Server struct {
	svc    *publishing.Service
	logger *slog.Logger
}

// New returns the API over svc, with its routes registered on mux.
func New(svc *publishing.Service, logger *slog.Logger, mux *http.ServeMux) *Server {
	s := &Server{svc: svc, logger: logger}
	s.registerArticleRoutes(mux)
	return s
}

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[string]int{
	domain.EINVALID:   http.StatusBadRequest,
	domain.ENOTFOUND:  http.StatusNotFound,
	domain.ECONFLICT:  http.StatusConflict,
	domain.EFORBIDDEN: http.StatusForbidden,
}

type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// writeError sends a domain error's message with its status; any other
// error is logged and answered with a bare 500.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := domain.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "internal error", Code: domain.EINTERNAL})
		return
	}
	writeJSON(w, status, errorBody{Error: err.Error(), Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// decodeJSON reads one JSON object into dst; every failure is an EINVALID
// domain error with a message saying what was wrong.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil && dec.More():
		return domain.Errorf(domain.EINVALID, "body has data after the JSON object")
	case err == nil:
		return nil
	case errors.As(err, &maxErr):
		return domain.Errorf(domain.EINVALID, "body is larger than %d bytes", maxBodyBytes)
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EINVALID, "body is empty, want a JSON object")
	case errors.As(err, &typeErr):
		return domain.Errorf(domain.EINVALID, "field %q must be a %s", typeErr.Field, typeErr.Type)
	default:
		return domain.Errorf(domain.EINVALID, "body is not a valid JSON object: %v", err)
	}
}

// actorFrom reads who is acting from X-User and X-Role. It stands in for
// authentication (chapter 04): a real service takes both from a verified
// token, never from headers a client chooses.
func actorFrom(r *http.Request, required bool) (domain.Actor, error) {
	user, role := r.Header.Get("X-User"), r.Header.Get("X-Role")
	if user == "" && role == "" {
		if required {
			return domain.Actor{}, errUnauthenticated
		}
		return domain.Actor{}, nil
	}
	a, err := domain.NewActor(user, role)
	if err != nil {
		return domain.Actor{}, fmt.Errorf("X-User/X-Role: %w", err)
	}
	return a, nil
}

var errUnauthenticated = errors.New("who are you? send X-User (your user name) and X-Role (author or editor)")
