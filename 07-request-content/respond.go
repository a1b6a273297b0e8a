package main

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"

	"workbook/serve/problem"
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
		// RFC 9110 §15.5.7 lets a 406 list what is available; the problem
		// body is JSON, the one error format every client can read.
		s.writeError(w, r, http.StatusNotAcceptable, "not_acceptable",
			"this resource is available as "+strings.Join(offers, ", "))
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

// problemBody is every error body: an RFC 9457 problem, with the request
// ID and a stable code (what went wrong, for programs) as extension
// members. It encodes as application/problem+json, or, for a client that
// prefers XML, as application/problem+xml in the namespace RFC 9457's XML
// appendix gives (urn:ietf:rfc:7807): errors are negotiated like the rest.
type problemBody struct {
	XMLName   xml.Name `xml:"urn:ietf:rfc:7807 problem" json:"-"`
	Type      string   `xml:"type" json:"type"`
	Title     string   `xml:"title" json:"title"`
	Status    int      `xml:"status" json:"status"`
	Detail    string   `xml:"detail" json:"detail"`
	Instance  string   `xml:"instance" json:"instance"`
	RequestID string   `xml:"requestId,omitempty" json:"requestId,omitempty"`
	Code      string   `xml:"code" json:"code"`
}

// writeError answers status as a problem, in XML when the client prefers
// it and in JSON otherwise (text/plain clients included: a problem has
// structure). msg is for the client and never carries a dependency's error
// text; body.go logs that.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	p := problemBody{
		Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: msg,
		Instance: r.URL.RequestURI(), RequestID: r.Header.Get(problem.RequestIDHeader), Code: code,
	}
	ct, _ := negotiate(strings.Join(r.Header.Values("Accept"), ","), offers)
	h := w.Header()
	h.Set("Vary", "Accept")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
	var err error
	if ct == "application/xml" {
		h.Set("Content-Type", "application/problem+xml; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, xml.Header)
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err = enc.Encode(p); err == nil {
			_, err = io.WriteString(w, "\n")
		}
	} else {
		h.Set("Content-Type", problem.ContentType)
		w.WriteHeader(status)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(p)
	}
	if err != nil {
		s.log.Warn("write error response", "err", err)
	}
}
