package httpapi

import (
	"log/slog"
	"net/http"

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

// methodNotAllowed answers a known path with a method it does not serve.
func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeErrors(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path)
}
