package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"workbook/serve/problem"
)

// maxBody bounds a PUT body.
const maxBody = 64 << 10

// routes is the chapter's handler tree.
func routes(c *ArticleCache, maxAge time.Duration, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles/{slug}", handleArticleGet(c, maxAge, logger))
	mux.HandleFunc("PUT /articles/{slug}", handleArticlePut(c, logger))
	mux.HandleFunc("DELETE /articles/{slug}", handleArticleDelete(c, logger))
	mux.HandleFunc("DELETE /cache", handleCacheInvalidate(c))
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, c.stats.Snapshot())
	})
	return problem.Routes(mux)
}

// slugPattern is lowercase words joined by single dashes. Checking it keeps
// memcached keys short and free of spaces and control bytes.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func validSlug(s string) bool { return len(s) <= 100 && slugPattern.MatchString(s) }

// etag is a strong validator: a hash of the exact bytes sent.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// matches reports whether an If-None-Match header names tag (or is "*").
func matches(header, tag string) bool {
	for c := range strings.SplitSeq(header, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == tag || c == "*" {
			return true
		}
	}
	return false
}

// handleArticleGet reads through the cache and adds the HTTP caching
// headers, so browsers and CDNs can cache too and revalidate cheaply.
func handleArticleGet(c *ArticleCache, maxAge time.Duration, logger *slog.Logger) http.HandlerFunc {
	cacheControl := "public, max-age=" + itoa(int(maxAge/time.Second))
	return func(w http.ResponseWriter, r *http.Request) {
		s := r.PathValue("slug")
		if !validSlug(s) {
			problem.Error(w, r, http.StatusBadRequest, "slug must be lowercase letters, digits and single dashes, at most 100 characters")
			return
		}
		a, found, err := c.Get(r.Context(), s)
		if err != nil {
			logger.Error("read article", "slug", s, "err", err)
			problem.Error(w, r, http.StatusServiceUnavailable, "the article store did not answer; try again")
			return
		}
		if !found {
			problem.Error(w, r, http.StatusNotFound, "no article with slug "+s)
			return
		}
		body, _ := json.Marshal(a)
		tag := etag(body)
		h := w.Header()
		h.Set("ETag", tag)
		h.Set("Cache-Control", cacheControl)
		// The body never changes with Accept-Encoding here, but a proxy that
		// compresses must keep one copy per encoding.
		h.Set("Vary", "Accept-Encoding")
		if matches(r.Header.Get("If-None-Match"), tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(append(body, '\n'))
	}
}

// articleInput is the PUT body.
type articleInput struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// handleArticlePut creates or replaces an article, writing through the cache.
func handleArticlePut(c *ArticleCache, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s := r.PathValue("slug")
		if !validSlug(s) {
			problem.Error(w, r, http.StatusBadRequest, "slug must be lowercase letters, digits and single dashes, at most 100 characters")
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
			problem.Error(w, r, http.StatusUnsupportedMediaType, "send the article as application/json")
			return
		}
		var in articleInput
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body must be at most 64 KiB")
				return
			}
			problem.Error(w, r, http.StatusBadRequest, "the body is not a JSON object with title and body")
			return
		}
		if _, err := dec.Token(); err != io.EOF {
			problem.Error(w, r, http.StatusBadRequest, "the body must hold one JSON object")
			return
		}
		var fields []problem.FieldError
		if strings.TrimSpace(in.Title) == "" {
			fields = append(fields, problem.FieldError{Pointer: "/title", Detail: "must not be empty"})
		}
		if strings.TrimSpace(in.Body) == "" {
			fields = append(fields, problem.FieldError{Pointer: "/body", Detail: "must not be empty"})
		}
		if len(fields) > 0 {
			p := problem.New(http.StatusUnprocessableEntity, "the article has invalid fields")
			p.Errors = fields
			problem.Write(w, r, p)
			return
		}
		a := Article{Slug: s, Title: in.Title, Body: in.Body, UpdatedAt: time.Now().UTC().Truncate(time.Second)}
		if err := c.Put(r.Context(), a); err != nil {
			logger.Error("write article", "slug", s, "err", err)
			problem.Error(w, r, http.StatusServiceUnavailable, "the article store did not answer; try again")
			return
		}
		writeJSON(w, http.StatusOK, a)
	}
}

// handleArticleDelete deletes an article and its cache entry.
func handleArticleDelete(c *ArticleCache, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s := r.PathValue("slug")
		if !validSlug(s) {
			problem.Error(w, r, http.StatusBadRequest, "slug must be lowercase letters, digits and single dashes, at most 100 characters")
			return
		}
		if err := c.Delete(r.Context(), s); err != nil {
			logger.Error("delete article", "slug", s, "err", err)
			problem.Error(w, r, http.StatusServiceUnavailable, "the article store did not answer; try again")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// handleCacheInvalidate drops every cached article by bumping the namespace version.
func handleCacheInvalidate(c *ArticleCache) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := c.InvalidateAll(); err != nil {
			problem.Error(w, r, http.StatusServiceUnavailable, "the cache did not answer; entries expire on their own TTL")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func itoa(n int) string { return strconv.Itoa(n) }
