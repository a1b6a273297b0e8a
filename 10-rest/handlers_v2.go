package main

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/mux"
)

// registerV2Routes: the current version. Nouns in the path, verbs in the
// method; the workflow actions publish/archive are sub-resources you POST
// to, because they are not a field a client may set to any value.
func (s *api) registerV2Routes(r *mux.Router) {
	r.HandleFunc("/articles", s.handleArticleList).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/articles", s.handleArticleCreate).Methods(http.MethodPost)
	r.HandleFunc("/articles/{slug}", s.handleArticleGet).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/articles/{slug}", s.handleArticleReplace).Methods(http.MethodPut)
	r.HandleFunc("/articles/{slug}", s.handleArticleDelete).Methods(http.MethodDelete)
	r.HandleFunc("/articles/{slug}/{action:publish|archive}", s.handleArticleAction).Methods(http.MethodPost)
	r.HandleFunc("/articles/{slug}/related", s.handleArticleRelated).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/profiles/{username}", s.handleProfileGet).Methods(http.MethodGet, http.MethodHead)
}

type articleV2 struct {
	Slug        string          `json:"slug"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Body        string          `json:"body"`
	Tags        []string        `json:"tagList"`
	Author      string          `json:"author"`
	Status      articleStatus   `json:"status"`
	Version     int             `json:"version"`
	CreatedAt   time.Time       `json:"createdAt"`
	UpdatedAt   time.Time       `json:"updatedAt"`
	Links       map[string]link `json:"links"`
}

func toArticleV2(a article, viewer string) articleV2 {
	return articleV2{Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body, Tags: a.Tags,
		Author: a.Author, Status: a.Status, Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		Links: articleLinks(a, viewer)}
}

// handleArticleList: GET /v2/articles?page=&per_page=&tag=&author=&status=
func (s *api) handleArticleList(w http.ResponseWriter, r *http.Request) {
	who, err := viewer(r)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	q := r.URL.Query()
	for k := range q {
		switch k {
		case "page", "per_page", "tag", "author", "status", "version":
		default:
			writeProblem(w, r, s.Log, newProblem("malformed-request",
				fmt.Sprintf("unknown query parameter %q; use page, per_page, tag, author, status", k)))
			return
		}
	}
	f := listFilter{Tag: q.Get("tag"), Author: q.Get("author"), Status: articleStatus(q.Get("status")), Viewer: who}
	if _, ok := transitions[f.Status]; f.Status != "" && !ok {
		writeProblem(w, r, s.Log, newProblem("malformed-request", "status must be draft, published or archived"))
		return
	}
	page, err := intParam(q.Get("page"), "page", 1, 1, 10_000)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	perPage, err := intParam(q.Get("per_page"), "per_page", 10, 1, 100)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	items, total := s.Store.List(f, (page-1)*perPage, perPage)
	meta := pageMeta{Page: page, PerPage: perPage, Total: total, TotalPages: (total + perPage - 1) / perPage}
	self := *r.URL
	q.Del("version") // the path already says which version these links are for
	self.RawQuery = q.Encode()
	links, header := pageLinks(&self, meta)
	data := make([]articleV2, 0, len(items))
	for _, a := range items {
		data = append(data, toArticleV2(a, who))
	}
	w.Header().Set("Link", header)
	w.Header().Add("Vary", "Authorization")
	writeConditional(w, r, envelope{Data: data, Meta: &meta, Links: links})
}

// handleArticleCreate: POST /v2/articles → 201 + Location. Checks run in a
// fixed order, which decides the status when several things are wrong:
// 401 (who?) → 415/400 (can we read it?) → 422 (is it valid?) → 409 (does
// it fit the current state?).
func (s *api) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	who, err := requireUser(r)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	var in struct {
		Article articleInput `json:"article"`
	}
	if err := readJSON(w, r, &in); err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	a, err := s.Store.Create(in.Article, who)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	w.Header().Set("Location", "/v2/articles/"+url.PathEscape(a.Slug))
	writeJSON(w, http.StatusCreated, envelope{Data: toArticleV2(a, who)})
}

// handleArticleGet: GET /v2/articles/{slug}, conditional on If-None-Match.
// Another author's draft is 404, not 403: a 403 would confirm it exists.
func (s *api) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	who, a, err := s.visibleArticle(r)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	w.Header().Add("Vary", "Authorization") // links depend on who asks
	writeConditional(w, r, envelope{Data: toArticleV2(a, who)})
}

// visibleArticle resolves the caller and the article, as 401 or 404.
func (s *api) visibleArticle(r *http.Request) (string, article, error) {
	who, err := viewer(r)
	if err != nil {
		return "", article{}, err
	}
	a, err := s.Store.Get(mux.Vars(r)["slug"])
	if err == nil && !a.visibleTo(who) {
		err = errNotFound
	}
	return who, a, err
}

// ownArticle is visibleArticle for writes: 401 without a user, 404 if the
// article is not there (or not visible), 403 if it is someone else's.
func (s *api) ownArticle(r *http.Request) (string, article, error) {
	if _, err := requireUser(r); err != nil {
		return "", article{}, err
	}
	who, a, err := s.visibleArticle(r)
	if err == nil && a.Author != who {
		err = newProblem("forbidden", fmt.Sprintf("only %s, the author, may change this article", a.Author))
	}
	return who, a, err
}

// handleArticleReplace: PUT /v2/articles/{slug} replaces the writable fields.
func (s *api) handleArticleReplace(w http.ResponseWriter, r *http.Request) {
	who, a, err := s.ownArticle(r)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	var in struct {
		Article articleInput `json:"article"`
	}
	if err := readJSON(w, r, &in); err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	a, err = s.Store.Replace(a.Slug, in.Article)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	writeJSON(w, http.StatusOK, envelope{Data: toArticleV2(a, who)})
}

// handleArticleDelete: DELETE /v2/articles/{slug} → 204 No Content.
func (s *api) handleArticleDelete(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.ownArticle(r)
	if err == nil {
		err = s.Store.Delete(a.Slug)
	}
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleArticleAction: POST /v2/articles/{slug}/publish|archive. An action
// the state does not allow is 409 Conflict: the request is fine, the
// resource is in the wrong state for it.
func (s *api) handleArticleAction(w http.ResponseWriter, r *http.Request) {
	who, a, err := s.ownArticle(r)
	if err == nil {
		a, err = s.Store.Transition(a.Slug, mux.Vars(r)["action"])
	}
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	writeJSON(w, http.StatusOK, envelope{Data: toArticleV2(a, who)})
}

// handleArticleRelated: GET /v2/articles/{slug}/related asks another
// service. Its failure is ours to own: 500, details only in the log.
func (s *api) handleArticleRelated(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleArticle(r)
	if err != nil {
		writeProblem(w, r, s.Log, err)
		return
	}
	slugs, err := s.Related.Related(r.Context(), a.Slug)
	if err != nil {
		writeProblem(w, r, s.Log, fmt.Errorf("related articles for %s: %w", a.Slug, err))
		return
	}
	links := map[string]string{"self": "/v2/articles/" + a.Slug + "/related", "article": "/v2/articles/" + a.Slug}
	writeConditional(w, r, envelope{Data: slugs, Links: links})
}

// handleProfileGet: GET /v2/profiles/{username}.
func (s *api) handleProfileGet(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["username"]
	if _, total := s.Store.List(listFilter{Author: name, Viewer: name}, 0, 1); total == 0 {
		writeProblem(w, r, s.Log, newProblem("not-found", "no author with this username"))
		return
	}
	writeConditional(w, r, envelope{Data: map[string]any{
		"username": name,
		"links":    map[string]link{"self": {Href: "/v2/profiles/" + url.PathEscape(name)}, "articles": {Href: "/v2/articles?author=" + url.QueryEscape(name)}},
	}})
}
