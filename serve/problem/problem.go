// Package problem writes the house error body: RFC 9457 problem details.
//
// Every chapter server answers errors in one shape, so that a learner who
// has read one error can read them all:
//
//	HTTP/1.1 405 Method Not Allowed
//	Allow: GET, HEAD
//	Content-Type: application/problem+json
//
//	{
//	  "type": "about:blank",
//	  "title": "Method Not Allowed",
//	  "status": 405,
//	  "detail": "POST is not allowed on /items/7; allowed: GET, HEAD",
//	  "instance": "/items/7",
//	  "requestId": "8f14e45fceea167a"
//	}
//
// type is a URI naming the kind of problem; "about:blank" (RFC 9457 §4.2.1)
// says "nothing more than the status code", and then title is the status
// phrase. instance is a URI reference of this occurrence (§3.1.5): the
// request's own path and query. requestId is an extension member (§3.2)
// that ties the response to the server's log line. detail is written for
// the client: it never carries a dependency's error text (SQL, driver
// messages, file paths), which goes to the log instead.
//
// Chapter 10 builds the same shape by hand, with a catalogue of problem
// types, because problem details are its lesson.
package problem

import (
	"encoding/json"
	"net/http"
)

// ContentType is the media type of a problem details body (RFC 9457 §3).
const ContentType = "application/problem+json"

// RequestIDHeader is the header a request ID travels in; Write copies it
// into the requestId member.
const RequestIDHeader = "X-Request-Id"

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Extension members (§3.2).
	RequestID string       `json:"requestId,omitempty"`
	Errors    []FieldError `json:"errors,omitempty"`
}

// FieldError is one invalid field of a 422: Pointer is a JSON Pointer
// (RFC 6901) to the field in the request body, Detail what is wrong with it.
type FieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// New returns a problem with type about:blank: the status says it all, and
// the title is the status phrase.
func New(status int, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// Error makes a *Problem usable as an error that a handler returns.
func (p *Problem) Error() string {
	if p.Detail == "" {
		return p.Title
	}
	return p.Title + ": " + p.Detail
}

// Write sends p. An empty Instance becomes the request's URI; an empty
// RequestID is taken from the response's X-Request-Id header (set by the
// server's request-ID middleware), or else from the request's when that is
// a plain token of at most 64 letters, digits, '-', '_' and '.'.
func Write(w http.ResponseWriter, r *http.Request, p *Problem) {
	cp := *p
	if cp.Instance == "" && r != nil {
		cp.Instance = r.URL.RequestURI()
	}
	if cp.RequestID == "" {
		cp.RequestID = w.Header().Get(RequestIDHeader)
	}
	if cp.RequestID == "" && r != nil && validRequestID(r.Header.Get(RequestIDHeader)) {
		// A client's own ID is echoed only when it is a plain token: the
		// body must not carry whatever a client chose to send.
		cp.RequestID = r.Header.Get(RequestIDHeader)
	}
	if cp.Title == "" {
		cp.Title = http.StatusText(cp.Status)
	}
	if cp.Type == "" {
		cp.Type = "about:blank"
	}
	h := w.Header()
	h.Set("Content-Type", ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	w.WriteHeader(cp.Status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(cp)
}

// Error writes a problem of the given status and detail.
func Error(w http.ResponseWriter, r *http.Request, status int, detail string) {
	Write(w, r, New(status, detail))
}

// validRequestID accepts a plain token: 1–64 ASCII letters, digits, '-', '_', '.'.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
