//go:build solution

package conditional

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
)

// parseTag splits an entity tag into its weakness and opaque-tag (quotes
// included). ok is false for anything that is not `"..."` or `W/"..."`.
func parseTag(t string) (weak bool, opaque string, ok bool) {
	if strings.HasPrefix(t, "W/") {
		weak, t = true, t[2:]
	}
	if len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' || strings.Contains(t[1:len(t)-1], `"`) {
		return false, "", false
	}
	return weak, t, true
}

// StrongMatch: both tags strong and character-for-character equal.
func StrongMatch(a, b string) bool {
	wa, oa, okA := parseTag(a)
	wb, ob, okB := parseTag(b)
	return okA && okB && !wa && !wb && oa == ob
}

// WeakMatch: opaque-tags equal, whether either is weak or not.
func WeakMatch(a, b string) bool {
	_, oa, okA := parseTag(a)
	_, ob, okB := parseTag(b)
	return okA && okB && oa == ob
}

// splitTags splits an If-None-Match list. Commas may appear inside an
// opaque-tag, so it scans for quotes instead of splitting on ",".
func splitTags(h string) []string {
	var tags []string
	for i := 0; i < len(h); {
		switch {
		case h[i] == ' ' || h[i] == '\t' || h[i] == ',':
			i++
		default:
			start := i
			if strings.HasPrefix(h[i:], `W/`) {
				i += 2
			}
			if i < len(h) && h[i] == '"' {
				end := strings.IndexByte(h[i+1:], '"')
				if end < 0 {
					return append(tags, h[start:])
				}
				i += end + 2
			} else {
				for i < len(h) && h[i] != ',' {
					i++
				}
			}
			tags = append(tags, h[start:i])
		}
	}
	return tags
}

// recorder buffers a response so the middleware can decide its fate.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}

// headers a 304 keeps (RFC 9110 section 15.4.5).
var keepOn304 = []string{"Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary"}

// Conditional wraps next with ETag generation and If-None-Match handling.
func Conditional(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		rec := &recorder{header: http.Header{}}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if rec.status == http.StatusOK && rec.header.Get("ETag") == "" {
			sum := sha256.Sum256(rec.body.Bytes())
			rec.header.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
		}
		if rec.status == http.StatusOK && noneMatch(r.Header.Values("If-None-Match"), rec.header.Get("ETag")) {
			for _, k := range keepOn304 {
				if v := rec.header.Values(k); len(v) > 0 {
					w.Header()[http.CanonicalHeaderKey(k)] = v // "ETag" is stored as "Etag"
				}
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// noneMatch reports whether If-None-Match matches etag: "*" matches any
// current representation, otherwise any listed tag that matches weakly.
func noneMatch(values []string, etag string) bool {
	for _, v := range values {
		if strings.TrimSpace(v) == "*" {
			return true
		}
		for _, t := range splitTags(v) {
			if WeakMatch(t, etag) {
				return true
			}
		}
	}
	return false
}
