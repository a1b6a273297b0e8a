package main

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"workbook/serve/problem"
)

// v1Article is the version 1 representation: flat, author as a string.
type v1Article struct {
	Slug      string   `json:"slug"`
	Title     string   `json:"title"`
	Author    string   `json:"author"`
	Tags      []string `json:"tags"`
	Published string   `json:"published"`
}

func toV1Article(a Article) v1Article {
	return v1Article{Slug: a.Slug, Title: a.Title, Author: a.Author, Tags: a.Tags, Published: a.Published.Format(time.DateOnly)}
}

func toV1Articles(as []Article) []v1Article {
	out := make([]v1Article, 0, len(as))
	for _, a := range as {
		out = append(out, toV1Article(a))
	}
	return out
}

const v1PageSize = 2

// handleV1Articles lists articles, filtered by the optional query
// parameters tag and page. Query parameters are not part of the route: mux
// matched on the path, and the handler validates what it reads.
func (s *server) handleV1Articles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := 1
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 1000 {
			problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("page must be an integer from 1 to 1000, got %q", p))
			return
		}
		page = n
	}
	all := s.store.List(q.Get("tag"), nil)
	start := min((page-1)*v1PageSize, len(all))
	end := min(start+v1PageSize, len(all))
	writeJSON(w, http.StatusOK, map[string]any{"page": page, "articles": toV1Articles(all[start:end])})
}

// handleV1Feed is the static route /v1/articles/feed: the newest articles.
func (s *server) handleV1Feed(w http.ResponseWriter, r *http.Request) {
	all := s.store.List("", nil)
	writeJSON(w, http.StatusOK, map[string]any{"feed": toV1Articles(all[:min(2, len(all))])})
}

// handleV1Article answers /v1/articles/{slug}. The slug already matched
// its regular expression, so the handler only has to look it up.
func (s *server) handleV1Article(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Get(mux.Vars(r)["slug"])
	if errors.Is(err, errArticleNotFound) {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", mux.Vars(r)["slug"]))
		return
	}
	writeJSON(w, http.StatusOK, toV1Article(a))
}

// handleV1Archive answers /v1/archive/{year}/{month}. The constraints
// guarantee digits, so Atoi cannot fail here.
func (s *server) handleV1Archive(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	year, _ := strconv.Atoi(vars["year"])
	month, _ := strconv.Atoi(vars["month"])
	inMonth := func(a Article) bool {
		return a.Published.Year() == year && int(a.Published.Month()) == month
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"year": year, "month": month, "articles": toV1Articles(s.store.List("", inMonth)),
	})
}

// handleLegacy is the wildcard route /legacy/{rest:.*}: old URLs move to
// /v1 for good. The target always starts with "/v1/", so this cannot be
// turned into an open redirect to another host.
func handleLegacy(w http.ResponseWriter, r *http.Request) {
	target := "/v1/" + mux.Vars(r)["rest"]
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusPermanentRedirect)
}
