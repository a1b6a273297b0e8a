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
	"mime"
	"net/http"
	"strings"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
	"workbook/serve/problem"
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
	domain.EINVALID:   http.StatusUnprocessableEntity,
	domain.ENOTFOUND:  http.StatusNotFound,
	domain.ECONFLICT:  http.StatusConflict,
	domain.EFORBIDDEN: http.StatusForbidden,
}

// requestError is a request the adapter cannot even hand to the service —
// a malformed body or header, an unknown action — with its status.
type requestError struct {
	status int
	detail string
}

func (e *requestError) Error() string { return e.detail }

func badRequest(status int, format string, args ...any) error {
	return &requestError{status: status, detail: fmt.Sprintf(format, args...)}
}

// writeError answers err as RFC 9457 problem details (workbook/serve/problem,
// the house shape): a requestError with its status, a domain error with the
// status of its code — an EINVALID naming fields as a 422 listing every one
// in errors — and anything else as a 500 whose detail says only that it was
// logged: an adapter's error (SQL, a driver, a file path) never reaches the
// client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var reqErr *requestError
	if errors.As(err, &reqErr) {
		problem.Error(w, r, reqErr.status, reqErr.detail)
		return
	}
	code := domain.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the request failed on our side; the error is logged")
		return
	}
	p := problem.New(status, err.Error())
	if fields := fieldErrors(err); len(fields) > 0 {
		p.Detail = "the request breaks the rules listed in errors"
		p.Errors = fields
	}
	problem.Write(w, r, p)
}

// fieldErrors collects every domain error in err's tree (errors.Join
// included) that names a field, as a JSON Pointer to it in the request body.
func fieldErrors(err error) []problem.FieldError {
	var out []problem.FieldError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *domain.Error:
			if e.Field != "" {
				out = append(out, problem.FieldError{Pointer: "/" + e.Field, Detail: e.Message})
			}
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// decodeJSON reads one JSON object into dst. A body that is not JSON is a
// 415, one over maxBodyBytes a 413, and malformed JSON a 400; the decoder's
// own message is not echoed, since it can quote the input back.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return badRequest(http.StatusUnsupportedMediaType, "Content-Type %q; send application/json", ct)
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil && dec.More():
		return badRequest(http.StatusBadRequest, "body has data after the JSON object")
	case err == nil:
		return nil
	case errors.As(err, &maxErr):
		return badRequest(http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", maxErr.Limit)
	case errors.Is(err, io.EOF):
		return badRequest(http.StatusBadRequest, "body is empty, want a JSON object")
	case errors.As(err, &typeErr):
		return badRequest(http.StatusBadRequest, "field %q must be a %s", typeErr.Field, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return badRequest(http.StatusBadRequest, "body is not valid JSON (at byte %d)", syntaxErr.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return badRequest(http.StatusBadRequest, "body has %s", strings.TrimPrefix(err.Error(), "json: "))
	default:
		return badRequest(http.StatusBadRequest, "body is not a valid JSON object")
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
		return domain.Actor{}, badRequest(http.StatusBadRequest, "X-User/X-Role: %v", err)
	}
	return a, nil
}

var errUnauthenticated = errors.New("who are you? send X-User (your user name) and X-Role (author or editor)")
