package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// articleJSON is an article on the wire; toArticleJSON converts at the boundary.
type articleJSON struct {
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Body      string    `json:"body,omitempty"`
	Author    string    `json:"author"`
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"created_at"`
}

func toArticleJSON(a article, withBody bool) articleJSON {
	out := articleJSON{Slug: a.Slug, Title: a.Title, Author: a.Author, Tags: a.Tags, CreatedAt: a.CreatedAt}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if withBody {
		out.Body = a.Body
	}
	return out
}

type commentJSON struct {
	ID        int64     `json:"id"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// handleArticleList serves GET /articles?limit=&cursor=&tag=: one page of
// the feed, newest first, and the cursor of the next page.
func (h *handlers) handleArticleList(w http.ResponseWriter, r *http.Request) {
	q := listQuery{Limit: defaultPageSize, Tag: r.URL.Query().Get("tag")}
	if raw := r.URL.Query().Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxPageSize {
			h.writeError(w, r, fmt.Errorf("%w: limit %q must be a whole number from 1 to %d", errInvalid, raw, maxPageSize))
			return
		}
		q.Limit = n
	}
	if q.Tag != "" && !tagRE.MatchString(q.Tag) {
		h.writeError(w, r, fmt.Errorf("%w: tag %q must be 1-32 characters of a-z, 0-9 and -", errInvalid, q.Tag))
		return
	}
	after, err := decodeCursor(r.URL.Query().Get("cursor"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	q.After = after
	articles, next, err := h.store.ListArticles(r.Context(), q)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	resp := struct {
		Articles   []articleJSON `json:"articles"`
		NextCursor string        `json:"next_cursor,omitempty"`
	}{Articles: make([]articleJSON, 0, len(articles)), NextCursor: encodeCursor(next)}
	for _, a := range articles {
		resp.Articles = append(resp.Articles, toArticleJSON(a, false))
	}
	writeJSON(w, http.StatusOK, resp)
}

// handleArticleCreate serves POST /articles.
func (h *handlers) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Author string   `json:"author"`
		Title  string   `json:"title"`
		Body   string   `json:"body"`
		Tags   []string `json:"tags"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	a, err := h.store.CreateArticle(r.Context(), articleInput{Author: in.Author, Title: in.Title, Body: in.Body, Tags: in.Tags})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/articles/"+a.Slug)
	writeJSON(w, http.StatusCreated, toArticleJSON(a, true))
}

// handleArticleGet serves GET /articles/{slug} with tags and comments.
func (h *handlers) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	a, comments, err := h.store.GetArticle(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	resp := struct {
		articleJSON
		Comments []commentJSON `json:"comments"`
	}{articleJSON: toArticleJSON(a, true), Comments: make([]commentJSON, 0, len(comments))}
	for _, c := range comments {
		resp.Comments = append(resp.Comments, commentJSON(c))
	}
	writeJSON(w, http.StatusOK, resp)
}

// handleCommentCreate serves POST /articles/{slug}/comments.
func (h *handlers) handleCommentCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Author string `json:"author"`
		Body   string `json:"body"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.store.AddComment(r.Context(), r.PathValue("slug"), in.Author, in.Body)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, commentJSON(c))
}
