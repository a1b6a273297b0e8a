package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"workbook/serve/problem"
)

// article is the resource of this slice of the publishing API.
type article struct {
	ID    int      `json:"id"`
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Tags  []string `json:"tags"`
}

// articleStore holds articles in memory.
type articleStore struct {
	mu   sync.Mutex
	byID map[int]article
	next int
}

var errDuplicateTitle = errors.New("an article with this title exists")

func newArticleStore(seed ...article) *articleStore {
	st := &articleStore{byID: map[int]article{}, next: 1}
	for _, a := range seed {
		_, _ = st.create(a)
	}
	return st
}

func (st *articleStore) get(id int) (article, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, ok := st.byID[id]
	return a, ok
}

func (st *articleStore) list() []article {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]article, 0, len(st.byID))
	for _, a := range st.byID {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b article) int { return a.ID - b.ID })
	return out
}

func (st *articleStore) create(a article) (article, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, old := range st.byID {
		if strings.EqualFold(old.Title, a.Title) {
			return article{}, errDuplicateTitle
		}
	}
	a.ID = st.next
	st.next++
	st.byID[a.ID] = a
	return a, nil
}

// listArticles answers the first ?limit= articles (1–100, default 20).
func (s *server) listArticles(w http.ResponseWriter, r *http.Request) error {
	limit := 20
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return userError(codeInvalidParameter, "limit must be an integer from 1 to 100")
		}
		limit = n
	}
	all := s.articles.list()
	writeJSON(w, http.StatusOK, all[:min(limit, len(all))])
	return nil
}

// articleFromPath reads {id} and finds the article: the two user errors
// every article route shares.
func (s *server) articleFromPath(r *http.Request) (article, error) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id < 1 {
		return article{}, userError(codeInvalidParameter, "article id must be a positive integer")
	}
	a, ok := s.articles.get(id)
	if !ok {
		return article{}, userError(codeArticleNotFound, fmt.Sprintf("no article %d", id))
	}
	return a, nil
}

func (s *server) getArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.articleFromPath(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

// articleInput is the body of POST /articles.
type articleInput struct {
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Tags  []string `json:"tags"`
}

// validate returns every problem of in at once: a client fixes them all in
// one round trip instead of discovering them one by one.
func (in articleInput) validate() []problem.FieldError {
	var errs []problem.FieldError
	switch n := utf8.RuneCountInString(strings.TrimSpace(in.Title)); {
	case n == 0:
		errs = append(errs, problem.FieldError{Pointer: "/title", Detail: "title is required"})
	case n > 120:
		errs = append(errs, problem.FieldError{Pointer: "/title", Detail: "title must be at most 120 characters"})
	}
	if strings.TrimSpace(in.Body) == "" {
		errs = append(errs, problem.FieldError{Pointer: "/body", Detail: "body is required"})
	}
	if len(in.Tags) > 5 {
		errs = append(errs, problem.FieldError{Pointer: "/tags", Detail: "at most 5 tags"})
	}
	for i, t := range in.Tags {
		if n := utf8.RuneCountInString(t); n == 0 || n > 30 {
			errs = append(errs, problem.FieldError{Pointer: "/tags/" + strconv.Itoa(i), Detail: "a tag has 1 to 30 characters"})
		}
	}
	return errs
}

func (s *server) createArticle(w http.ResponseWriter, r *http.Request) error {
	var in articleInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if fields := in.validate(); len(fields) > 0 {
		e := userError(codeValidationFailed, fmt.Sprintf("the article has %d invalid field(s); see errors", len(fields)))
		e.fields = fields
		return e
	}
	a, err := s.articles.create(article{Title: strings.TrimSpace(in.Title), Body: in.Body, Tags: in.Tags})
	if errors.Is(err, errDuplicateTitle) {
		return &appError{kind: kindUser, code: codeArticleExists, detail: "an article with this title already exists", err: err}
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/articles/"+strconv.Itoa(a.ID))
	writeJSON(w, http.StatusCreated, a)
	return nil
}

// getCover serves the article's cover image from the covers directory.
// Here is "handling at the right level": only this handler knows that a
// missing file means "this article has no cover" (a 404 the client can act
// on). Any other failure of the file system it cannot judge, so it wraps
// the error and lets it rise to fail, which answers a 500 and logs the path.
func (s *server) getCover(w http.ResponseWriter, r *http.Request) error {
	a, err := s.articleFromPath(r)
	if err != nil {
		return err
	}
	img, err := os.ReadFile(filepath.Join(s.coversDir, strconv.Itoa(a.ID)+".svg"))
	if errors.Is(err, fs.ErrNotExist) {
		return &appError{kind: kindUser, code: codeCoverNotFound, detail: fmt.Sprintf("article %d has no cover", a.ID), err: err}
	}
	if err != nil {
		return fmt.Errorf("read cover of article %d: %w", a.ID, err)
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(img)
	return nil
}

// excerptBytes is how much of the body an excerpt shows.
const excerptBytes = 60

// getExcerpt answers the first excerptBytes of the body.
//
// BUG (deliberate: it is the chapter's programming error): the slice
// expression panics for a body shorter than excerptBytes. recoverPanics
// turns the panic into a logged 500. The fix is body[:min(len(body),
// excerptBytes)] (and cutting at a rune boundary); a test, not a recover,
// is what keeps such bugs out.
func (s *server) getExcerpt(w http.ResponseWriter, r *http.Request) error {
	a, err := s.articleFromPath(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": a.ID, "excerpt": a.Body[:excerptBytes] + "…"})
	return nil
}

// prepareCovers lays out the demo's covers directory: article 1 has a
// cover, article 2 none, and article 3's "cover" is a directory, so that
// reading it fails with an error that is not fs.ErrNotExist.
func prepareCovers(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "3.svg"), 0o755); err != nil {
		return err
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><text x="10" y="35">article 1</text></svg>` + "\n"
	return os.WriteFile(filepath.Join(dir, "1.svg"), []byte(svg), 0o644)
}

// seedArticles are the demo's articles; 2's body is shorter than an excerpt.
var seedArticles = []article{
	{Title: "Errors are values", Body: "An error in Go is an ordinary value that a function returns; handling it is ordinary code, so it can be wrapped, inspected and mapped.", Tags: []string{"go", "errors"}},
	{Title: "Short note", Body: "Too short.", Tags: []string{"note"}},
	{Title: "Covers on disk", Body: "This article's cover lives on the file system, where reading it can fail in ways a client cannot fix.", Tags: []string{"files"}},
}
