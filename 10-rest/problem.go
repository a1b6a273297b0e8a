package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

// problemDetails is an RFC 9457 problem details object, the body of every error
// this API returns, with Content-Type application/problem+json. Type is a
// URI naming the kind of problem (a client branches on it, not on Title);
// the server serves a description of each at that URI (GET /problems/...).
type problemDetails struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Extension members (RFC 9457 section 3.2).
	Errors            []fieldError `json:"errors,omitempty"`
	SupportedVersions []int        `json:"supportedVersions,omitempty"`
	RequestID         string       `json:"requestId,omitempty"`
}

// problemTypes is the catalogue of problem types: one per situation, each
// with exactly one status code. This table IS the status code policy.
var problemTypes = map[string]struct {
	Status      int
	Title       string
	Description string
}{
	"malformed-request":      {400, "Malformed request", "The request could not be read: the body is not valid JSON, has unknown or mistyped fields, or a query parameter is malformed. Fix the request; retrying it unchanged will fail again."},
	"unsupported-version":    {400, "Unsupported API version", "The version asked for in ?version= or the API-Version header does not exist. See supportedVersions."},
	"unauthenticated":        {401, "Authentication required", "The request needs a valid 'Authorization: Token <token>' header. The response carries WWW-Authenticate."},
	"forbidden":              {403, "Forbidden", "You are authenticated but not allowed to do this, e.g. edit another author's article."},
	"not-found":              {404, "Not found", "No resource at this URL, or none you are allowed to know about (other authors' drafts answer 404, not 403, so their existence does not leak)."},
	"method-not-allowed":     {405, "Method not allowed", "The resource exists but does not support this method; the Allow header lists the ones it does."},
	"not-acceptable":         {406, "Not acceptable", "The Accept header asks only for media types this API cannot produce."},
	"conflict":               {409, "Conflict", "The request conflicts with the current state of the resource: a duplicate title, or a workflow action the article's state does not allow."},
	"payload-too-large":      {413, "Payload too large", "The request body is larger than this API accepts (1 MiB). Send less."},
	"unsupported-media-type": {415, "Unsupported media type", "The request body must be application/json."},
	"validation-failed":      {422, "Validation failed", "The body is well-formed JSON but breaks a rule. 'errors' lists each field as a JSON Pointer with what is wrong."},
	"internal":               {500, "Internal server error", "Something failed on our side. Nothing about the cause is disclosed; quote requestId when reporting it."},
}

// newProblem builds a problem of a catalogued type.
func newProblem(typ, detail string) *problemDetails {
	t, ok := problemTypes[typ]
	if !ok {
		typ, t = "internal", problemTypes["internal"]
	}
	return &problemDetails{Type: "/problems/" + typ, Title: t.Title, Status: t.Status, Detail: detail}
}

func (p *problemDetails) Error() string { return p.Title + ": " + p.Detail }

// writeProblem is the ONE place an error becomes a response. Known errors
// map to their problem type; anything else is logged with its full detail
// and answered with a bare 500 that discloses nothing but a request ID.
func writeProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var p *problemDetails
	var verr *validationError
	switch {
	case errors.As(err, &p):
		cp := *p
		p = &cp
	case errors.As(err, &verr):
		p = newProblem("validation-failed", "the article has invalid fields")
		p.Errors = verr.Errors
	case errors.Is(err, errNotFound):
		p = newProblem("not-found", "no article with this slug")
	case errors.Is(err, errDuplicate):
		p = newProblem("conflict", err.Error())
	case errors.Is(err, errInvalidTransition):
		p = newProblem("conflict", err.Error())
	default:
		p = newProblem("internal", "")
		log.Error("10-rest: request failed", "request_id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	// instance is this occurrence (RFC 9457 §3.1.5): the URI the client
	// asked for, before versioned rewrote /articles to /v2/articles. The
	// request ID is an extension member on every problem, so any error a
	// client reports can be found in the log.
	p.Instance = r.RequestURI
	if p.Instance == "" {
		p.Instance = r.URL.RequestURI()
	}
	p.RequestID = requestID(r.Context())
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Token realm="conduit"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}
