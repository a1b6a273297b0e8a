package main

import (
	"fmt"
	"net/http"
	"strconv"

	"workbook/serve/problem"
)

// handleStatus answers GET /status/{code} with the status code asked for.
//
// Most codes get a short text body: the code asked for is the answer, not
// an error, so it is not a problem details body. A bad {code} is an error,
// and gets one. The exceptions teach the rules:
//   - 1xx codes are interim: the server sends one (103 Early Hints carries a
//     Link header) and then a final 200, because every request ends with
//     exactly one final (2xx–5xx) response. 101 needs an Upgrade handshake,
//     so it is refused.
//   - 204 No Content and 304 Not Modified never carry a body.
//   - some codes need a header to be meaningful: Location for redirects,
//     WWW-Authenticate for 401, Allow for 405, Retry-After for 429 and 503.
func handleStatus(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("code")
	code, err := strconv.Atoi(raw)
	if err != nil || len(raw) != 3 || code < 100 || code > 599 {
		problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("status code %q is not a three-digit number from 100 to 599", raw))
		return
	}

	switch {
	case code == http.StatusSwitchingProtocols:
		problem.Error(w, r, http.StatusBadRequest,
			"101 Switching Protocols only answers a request with an Upgrade header; this endpoint cannot switch protocols")
		return
	case code < 200:
		// HTTP/1.0 clients do not understand interim responses (RFC 9110 §15.2).
		if r.ProtoAtLeast(1, 1) {
			if code == http.StatusEarlyHints {
				w.Header().Set("Link", "</style.css>; rel=preload; as=style")
			}
			w.WriteHeader(code) // sent at once; the handler carries on
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		fmt.Fprintf(w, "sent %d %s as an interim response, then this final 200 OK\n", code, http.StatusText(code))
		return
	case code == http.StatusNoContent || code == http.StatusNotModified:
		w.WriteHeader(code) // no body allowed: net/http would refuse a Write
		return
	}

	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		w.Header().Set("Location", "/status/200")
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Basic realm="inspector"`)
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintf(w, "%d %s\n", code, statusText(code))
}

// statusText is http.StatusText with a fallback: a client that does not know
// a code treats it as the x00 code of its class (RFC 9110 §15).
func statusText(code int) string {
	if text := http.StatusText(code); text != "" {
		return text
	}
	return fmt.Sprintf("(unregistered; read as %d %s)", code/100*100, http.StatusText(code/100*100))
}
