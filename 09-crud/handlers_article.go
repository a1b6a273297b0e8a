package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// articleJSON is the wire form of an article (Conduit's field names plus
// the identifiers this chapter adds). toArticleJSON is the only converter.
type articleJSON struct {
	ID          int64      `json:"id"`
	Slug        string     `json:"slug"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Body        string     `json:"body"`
	Tags        []string   `json:"tagList"`
	Author      string     `json:"author"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	DeletedAt   *time.Time `json:"deletedAt,omitempty"`
}

func toArticleJSON(a article) articleJSON {
	out := articleJSON{ID: a.ID, Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body,
		Tags: a.Tags, Author: a.Author, Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	if a.Deleted() {
		d := a.DeletedAt
		out.DeletedAt = &d
	}
	return out
}

type articleEnvelope struct {
	Article articleJSON `json:"article"`
}

// writeArticle sends one article with its ETag, the token a client echoes in
// If-Match to update it.
func writeArticle(w http.ResponseWriter, status int, a article) {
	w.Header().Set("ETag", etag(a))
	writeJSON(w, status, articleEnvelope{Article: toArticleJSON(a)})
}

// handleArticleCreate: POST /articles → 201 with Location and the article.
// Validation failures are 422 (every bad field listed), a taken slug is 409.
// With an Idempotency-Key, a retry of a create that happened gets the same
// 201 again instead of a 409 (idempotency.go).
func (s *api) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Article articleInput `json:"article"`
	}
	if err := readJSON(w, r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a, err := newArticle(in.Article, actor(r))
	if err != nil {
		writeError(w, r, s.log, inArticle(err))
		return
	}
	replayed := false
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		if len(key) > maxIdempotencyKey {
			writeError(w, r, s.log, badRequest(fmt.Sprintf("Idempotency-Key must be at most %d characters", maxIdempotencyKey)))
			return
		}
		a, replayed, err = s.store.CreateOnce(actor(r), key, a)
	} else {
		a, err = s.store.Create(actor(r), a)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/articles/"+url.PathEscape(a.Slug))
	writeArticle(w, http.StatusCreated, a)
}

func (s *api) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Get(r.PathValue("slug"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeArticle(w, http.StatusOK, a)
}

// Page size limits: a client can ask for fewer, never for more.
const (
	defaultLimit = 20
	maxLimit     = 100
	maxOffset    = 10_000
)

// handleArticleList: GET /articles?tag=&author=&q=&sort=&limit=&offset=
func (s *api) handleArticleList(w http.ResponseWriter, r *http.Request) {
	q, err := parseListQuery(r.URL.Query())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	page, total := s.store.List(q)
	out := struct {
		Articles      []articleJSON `json:"articles"`
		ArticlesCount int           `json:"articlesCount"`
		Limit         int           `json:"limit"`
		Offset        int           `json:"offset"`
	}{Articles: make([]articleJSON, 0, len(page)), ArticlesCount: total, Limit: q.Limit, Offset: q.Offset}
	for _, a := range page {
		out.Articles = append(out.Articles, toArticleJSON(a))
	}
	writeJSON(w, http.StatusOK, out)
}

// parseListQuery validates every list parameter; an unknown or malformed one
// is a 400 that names it, never silently ignored.
func parseListQuery(v url.Values) (listQuery, error) {
	for k := range v {
		switch k {
		case "tag", "author", "q", "sort", "limit", "offset":
		default:
			return listQuery{}, badRequest(fmt.Sprintf("unknown query parameter %q: use tag, author, q, sort, limit, offset", k))
		}
	}
	q := listQuery{Tag: v.Get("tag"), Author: v.Get("author"), Search: v.Get("q"), Limit: defaultLimit}
	var err error
	if q.Sort, err = parseSort(v.Get("sort")); err != nil {
		return listQuery{}, badRequest(err.Error())
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return listQuery{}, badRequest(fmt.Sprintf("limit must be an integer from 1 to %d, got %q", maxLimit, s))
		}
		q.Limit = n
	}
	if s := v.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxOffset {
			return listQuery{}, badRequest(fmt.Sprintf("offset must be an integer from 0 to %d, got %q", maxOffset, s))
		}
		q.Offset = n
	}
	return q, nil
}

// handleArticleReplace: PUT /articles/{slug} replaces every writable field.
// A field left out is cleared, not kept — that is what makes PUT idempotent
// and what distinguishes it from PATCH.
func (s *api) handleArticleReplace(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Article articleInput `json:"article"`
	}
	if err := readJSON(w, r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := in.Article.Validate(); err != nil {
		writeError(w, r, s.log, inArticle(err))
		return
	}
	a, err := s.store.Update(actor(r), "replace", r.PathValue("slug"), ifMatch(r.Header.Get("If-Match")),
		func(a *article) error { a.apply(in.Article); return nil })
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeArticle(w, http.StatusOK, a)
}

// mergePatchType is RFC 7396's media type. PATCH has no meaning of its own:
// the Content-Type says how to read the patch, so anything else is 415.
const mergePatchType = "application/merge-patch+json"

// handleArticlePatch: PATCH /articles/{slug} with a JSON merge patch of the
// writable fields, e.g. {"description": "new", "tagList": null}.
func (s *api) handleArticlePatch(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Accept-Patch", mergePatchType)
	patch, err := readBody(w, r, mergePatchType)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var obj map[string]json.RawMessage
	if err := decodeStrict(patch, &obj); err != nil || obj == nil {
		writeError(w, r, s.log, badRequest("a merge patch must be a JSON object, e.g. {\"title\": \"New title\"}"))
		return
	}
	// The merge runs inside the store's critical section, on the version
	// If-Match named, so no other write can slip between read and write.
	a, err := s.store.Update(actor(r), "patch", r.PathValue("slug"), ifMatch(r.Header.Get("If-Match")),
		func(a *article) error {
			current, err := json.Marshal(a.input())
			if err != nil {
				return err
			}
			merged, err := mergePatch(current, patch)
			if err != nil {
				return badRequest("cannot apply merge patch: " + err.Error())
			}
			var in articleInput
			if err := decodeStrict(merged, &in); err != nil {
				return &requestError{status: http.StatusUnprocessableEntity,
					msg: "patch touches a field that is not writable (title, description, body, tagList): " + err.Error()}
			}
			if err := in.Validate(); err != nil {
				return err
			}
			a.apply(in)
			return nil
		})
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeArticle(w, http.StatusOK, a)
}

// handleArticleDelete: DELETE /articles/{slug} soft-deletes (If-Match
// required). A second DELETE finds the article gone: 410.
func (s *api) handleArticleDelete(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Delete(actor(r), r.PathValue("slug"), ifMatch(r.Header.Get("If-Match"))); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleArticleRestore: POST /articles/{slug}/restore undoes a soft delete.
func (s *api) handleArticleRestore(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Restore(actor(r), r.PathValue("slug"))
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeArticle(w, http.StatusOK, a)
}
