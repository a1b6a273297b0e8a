package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
)

// writeConditional sends v as JSON with a strong ETag computed from the
// exact bytes, and answers 304 Not Modified instead when the request's
// If-None-Match already names that tag. The client then reuses its cached
// copy: no body crosses the network.
func writeConditional(w http.ResponseWriter, r *http.Request, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body := buf.Bytes()
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache") // cache it, but revalidate every time
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		// RFC 9110 section 15.4.5: a 304 carries the validators and
		// caching headers a 200 would, and no content.
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// noneMatch reports whether an If-None-Match header matches etag. It uses
// the WEAK comparison (RFC 9110 section 13.1.2): W/"x" and "x" match,
// because for a cache "the same content" is all that matters. "*" matches
// any current representation.
func noneMatch(header, etag string) bool {
	header = strings.TrimSpace(header)
	if header == "" {
		return false
	}
	if header == "*" {
		return true
	}
	for _, t := range strings.Split(header, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
