package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Every response this server writes can be rendered three ways; offers is
// also the order of preference when the client does not mind.
var offers = []string{"application/json", "application/xml", "text/plain"}

// representation is a response body: encodable as JSON and XML through
// struct tags, and as text by its text method.
type representation interface {
	text() string
}

// acceptable negotiates the response type from the Accept header(s). When
// nothing we produce is acceptable, it writes 406 and returns false: handlers
// call it FIRST, before reading a body or changing any state.
func (s *server) acceptable(w http.ResponseWriter, r *http.Request) (string, bool) {
	w.Header().Set("Vary", "Accept")
	ct, ok := negotiate(strings.Join(r.Header.Values("Accept"), ","), offers)
	if !ok {
		// The client accepts none of our formats, so we pick the most neutral.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotAcceptable)
		fmt.Fprintf(w, "406 not acceptable: this resource is available as %s\n", strings.Join(offers, ", "))
		return "", false
	}
	return ct, true
}

// respond writes v as the negotiated content type ct.
func (s *server) respond(w http.ResponseWriter, status int, ct string, v representation) {
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	w.WriteHeader(status)
	var err error
	switch ct {
	case "application/xml":
		_, _ = io.WriteString(w, xml.Header)
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err = enc.Encode(v); err == nil {
			_, err = io.WriteString(w, "\n")
		}
	case "text/plain":
		_, err = io.WriteString(w, v.text())
	default:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	}
	if err != nil {
		s.log.Warn("write response", "err", err)
	}
}

// errorResponse is every error body, in whichever format was negotiated.
type errorResponse struct {
	XMLName xml.Name `xml:"error" json:"-"`
	Status  int      `xml:"status" json:"status"`
	Code    string   `xml:"code" json:"code"`
	Message string   `xml:"message" json:"message"`
}

func (e errorResponse) text() string {
	return fmt.Sprintf("%d %s: %s\n", e.Status, e.Code, e.Message)
}

// writeError answers in the client's preferred format, or JSON when the
// client would accept none of ours.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	ct, ok := negotiate(strings.Join(r.Header.Values("Accept"), ","), offers)
	if !ok {
		ct = offers[0]
	}
	w.Header().Set("Vary", "Accept")
	s.respond(w, status, ct, errorResponse{Status: status, Code: code, Message: msg})
}
