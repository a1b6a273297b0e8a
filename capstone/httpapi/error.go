package httpapi

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

// statusOf maps each domain error code to its HTTP status: the one table where
// the domain's vocabulary becomes HTTP's. RealWorld reports every validation
// problem, including a taken username, as 422.
var statusOf = map[string]int{
	conduit.EINVALID:      http.StatusUnprocessableEntity,
	conduit.ECONFLICT:     http.StatusUnprocessableEntity,
	conduit.EUNAUTHORIZED: http.StatusUnauthorized,
	conduit.EFORBIDDEN:    http.StatusForbidden,
	conduit.ENOTFOUND:     http.StatusNotFound,
	conduit.EUNAVAILABLE:  http.StatusServiceUnavailable,
	conduit.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	conduit.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	conduit.EINTERNAL:     http.StatusInternalServerError,
}

// errorResponse is the RealWorld error shape: {"errors":{"body":["…"]}}.
type errorResponse struct {
	Errors errorBody `json:"errors"`
}

type errorBody struct {
	Body []string `json:"body" example:"title can't be blank"`
}

// Error writes err with the status of its code. Internal errors are logged
// with the request ID and reach the client only as "internal error".
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := conduit.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		s.logger.ErrorContext(r.Context(), "internal error",
			slog.String("request_id", RequestID(r.Context())), slog.Any("err", err))
	}
	if status == http.StatusServiceUnavailable {
		s.logger.WarnContext(r.Context(), "unavailable",
			slog.String("request_id", RequestID(r.Context())), slog.Any("err", err))
		w.Header().Set("Retry-After", "1")
	}
	writeErrors(w, status, conduit.ErrorMessages(err)...)
}

// writeErrors writes the error shape with status and messages.
func writeErrors(w http.ResponseWriter, status int, messages ...string) {
	writeJSON(w, status, errorResponse{Errors: errorBody{Body: messages}})
}

// notFound answers routes that do not exist, in the API's error shape.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeErrors(w, http.StatusNotFound, "no route for "+r.Method+" "+r.URL.Path)
}

// methodNotAllowed answers a known path with a method it does not serve:
// 405 with the Allow header RFC 9110 §15.5.6 requires ("The origin server
// MUST generate an Allow header field"), which gorilla/mux's own 405 leaves
// out, and the RealWorld error shape.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allow := strings.Join(s.allowedMethods(r), ", ")
	w.Header().Set("Allow", allow)
	writeErrors(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+allow)
}

// allowMethods are the methods allowedMethods tries, in the order Allow
// lists them.
var allowMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions,
}

// allowedMethods asks the router, once per method, whether a route fully
// matches r's path with that method. gorilla/mux reports a method mismatch
// as a match with MatchErr set, so only MatchErr == nil counts. Unlike
// ServeMux, gorilla/mux does not route HEAD to GET routes, so HEAD is listed
// only where a route names it.
func (s *Server) allowedMethods(r *http.Request) []string {
	var out []string
	for _, m := range allowMethods {
		c := r.Clone(r.Context())
		c.Method = m
		var match mux.RouteMatch
		if s.router.Match(c, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}
