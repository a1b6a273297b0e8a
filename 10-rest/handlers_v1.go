package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"
)

// v1Sunset is when v1 stops answering (RFC 8594 Sunset header).
const v1Sunset = "Thu, 31 Dec 2026 23:59:59 GMT"

// v1DeprecatedAt is when v1 was deprecated, as the RFC 9745 Deprecation
// header's structured date (@ + Unix seconds): 2026-01-01T00:00:00Z.
const v1DeprecatedAt = "@1767225600"

// registerV1Routes: the first, now frozen, version of the API. Its shape is
// the RealWorld one ({"articles": [...], "articlesCount": n}, no envelope,
// no links). It stays read-only and tells clients where to go next.
func (s *api) registerV1Routes(r *mux.Router) {
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Deprecation", v1DeprecatedAt)
			w.Header().Set("Sunset", v1Sunset)
			w.Header().Add("Link", `</v2/articles>; rel="successor-version"`)
			next.ServeHTTP(w, r)
		})
	})
	r.HandleFunc("/articles", s.handleV1ArticleList).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/articles/{slug}", s.handleV1ArticleGet).Methods(http.MethodGet, http.MethodHead)
}

type articleV1 struct {
	Slug        string    `json:"slug"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Body        string    `json:"body"`
	TagList     []string  `json:"tagList"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Author      struct {
		Username string `json:"username"`
	} `json:"author"`
}

func toArticleV1(a article) articleV1 {
	out := articleV1{Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body,
		TagList: a.Tags, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	out.Author.Username = a.Author
	return out
}

func (s *api) handleV1ArticleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q.Get("limit"), "limit", 20, 1, 100)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	offset, err := intParam(q.Get("offset"), "offset", 0, 0, 10_000)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	page, total := s.Store.List(listFilter{Tag: q.Get("tag"), Author: q.Get("author")}, offset, limit)
	out := struct {
		Articles      []articleV1 `json:"articles"`
		ArticlesCount int         `json:"articlesCount"`
	}{Articles: make([]articleV1, 0, len(page)), ArticlesCount: total}
	for _, a := range page {
		out.Articles = append(out.Articles, toArticleV1(a))
	}
	writeConditional(w, r, out)
}

func (s *api) handleV1ArticleGet(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.Get(mux.Vars(r)["slug"])
	if err == nil && !a.visibleTo("") {
		err = errNotFound
	}
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	writeConditional(w, r, map[string]articleV1{"article": toArticleV1(a)})
}

// intParam parses an optional integer query parameter within [lo, hi].
func intParam(s, name string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, newProblem("malformed-request", fmt.Sprintf("%s must be an integer from %d to %d, got %q", name, lo, hi, s))
	}
	return n, nil
}
