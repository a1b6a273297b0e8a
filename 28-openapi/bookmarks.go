package main

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"workbook/serve/problem"
)

// maxBody bounds a request body; a larger one is a 413.
const maxBody = 64 << 10

// api holds what the handlers share.
type api struct {
	store  *store
	token  string
	logger *slog.Logger
	now    func() time.Time // nil: time.Now
}

func (a *api) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// auth lets a request through when it carries "Authorization: Token <token>";
// this is the security scheme "Token" of the document.
func (a *api) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Token ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(a.token)) != 1 {
			w.Header().Set("WWW-Authenticate", "Token")
			problem.Error(w, r, http.StatusUnauthorized, `send "Authorization: Token <token>"`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// listTags godoc
//
//	@ID	listTags
//	@Summary		List tags
//	@Description	Every tag that some bookmark carries, sorted, each once.
//	@Tags			tags
//	@Produce		json
//	@Success		200	{object}	tagList
//	@Router			/tags [get]
func (a *api) listTags(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, tagList{Tags: a.store.tags()})
}

// listBookmarks godoc
//
//	@ID	listBookmarks
//	@Summary		List bookmarks
//	@Description	The oldest bookmarks first, optionally only those with a tag.
//	@Tags			bookmarks
//	@Produce		json,application/problem+json
//	@Param			tag		query		string	false	"only bookmarks with this tag"	example(go)
//	@Param			limit	query		int		false	"page size"						minimum(1)	maximum(100)	default(20)
//	@Success		200		{object}	bookmarkList
//	@Failure		400		{object}	problemDoc	"limit is not an integer from 1 to 100"
//	@Router			/bookmarks [get]
func (a *api) listBookmarks(w http.ResponseWriter, r *http.Request) {
	limit := 20
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			problem.Error(w, r, http.StatusBadRequest, "limit must be an integer from 1 to 100")
			return
		}
		limit = n
	}
	items, count := a.store.list(r.URL.Query().Get("tag"), limit)
	writeJSON(w, http.StatusOK, bookmarkList{Bookmarks: items, BookmarksCount: count})
}

// getBookmark godoc
//
//	@ID	getBookmark
//	@Summary	Get a bookmark
//	@Tags		bookmarks
//	@Produce	json,application/problem+json
//	@Param		id	path		int	true	"bookmark ID"	minimum(1)
//	@Success	200	{object}	bookmark
//	@Failure	400	{object}	problemDoc	"id is not a positive integer"
//	@Failure	404	{object}	problemDoc	"no such bookmark"
//	@Router		/bookmarks/{id} [get]
func (a *api) getBookmark(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	b, found := a.store.get(id)
	if !found {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no bookmark has id %d", id))
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// createBookmark godoc
//
//	@ID	createBookmark
//	@Summary		Save a bookmark
//	@Description	Tags and visibility are optional; visibility defaults to public.
//	@Tags			bookmarks
//	@Accept			json
//	@Produce		json,application/problem+json
//	@Security		Token
//	@Param			bookmark	body		newBookmark	true	"the link to save"
//	@Success		201			{object}	bookmark
//	@Header			201			{string}	Location	"the new bookmark's URL"
//	@Failure		400			{object}	problemDoc	"the body is not JSON"
//	@Failure		401			{object}	problemDoc	"no or wrong token"
//	@Failure		413			{object}	problemDoc	"the body is over 64 KiB"
//	@Failure		415			{object}	problemDoc	"the body is not application/json"
//	@Failure		422			{object}	problemDoc	"a field is invalid; errors lists each"
//	@Router			/bookmarks [post]
func (a *api) createBookmark(w http.ResponseWriter, r *http.Request) {
	var nb newBookmark
	if !decode(w, r, &nb) {
		return
	}
	if errs := validateNew(nb); len(errs) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the bookmark is not valid")
		p.Errors = errs
		problem.Write(w, r, p)
		return
	}
	b := a.store.add(nb, a.clock())
	w.Header().Set("Location", fmt.Sprintf("/api/bookmarks/%d", b.ID))
	writeJSON(w, http.StatusCreated, b)
	a.logger.Info("bookmark saved", "id", b.ID)
}

// deleteBookmark godoc
//
//	@ID	deleteBookmark
//	@Summary	Delete a bookmark
//	@Tags		bookmarks
//	@Produce	application/problem+json
//	@Security	Token
//	@Param		id	path	int	true	"bookmark ID"	minimum(1)
//	@Success	204
//	@Failure	400	{object}	problemDoc	"id is not a positive integer"
//	@Failure	401	{object}	problemDoc	"no or wrong token"
//	@Failure	404	{object}	problemDoc	"no such bookmark"
//	@Router		/bookmarks/{id} [delete]
func (a *api) deleteBookmark(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if !a.store.remove(id) {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no bookmark has id %d", id))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		problem.Error(w, r, http.StatusBadRequest, "id must be a positive integer")
		return 0, false
	}
	return id, true
}

// decode reads one JSON object into v, answering 415, 413, 400 or 422 itself
// when it cannot.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the body as application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("trailing data")
	}
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return true
	case errors.As(err, &tooBig):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body must be at most %d bytes", maxBody))
	case errors.As(err, &typeErr) && typeErr.Field != "":
		p := problem.New(http.StatusUnprocessableEntity, "the bookmark is not valid")
		p.Errors = []problem.FieldError{{
			Pointer: "/" + strings.ReplaceAll(typeErr.Field, ".", "/"),
			Detail:  "must be a JSON " + jsonType(typeErr.Type.Kind().String()),
		}}
		problem.Write(w, r, p)
	default:
		problem.Error(w, r, http.StatusBadRequest, "the body must be one JSON object")
	}
	return false
}

// jsonType names a Go kind as JSON calls it.
func jsonType(kind string) string {
	switch kind {
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	default:
		return kind
	}
}

// validateNew checks the rules the document states for NewBookmark, and one
// it can only describe: the URL must be absolute http or https.
func validateNew(nb newBookmark) []problem.FieldError {
	var errs []problem.FieldError
	add := func(pointer, detail string) {
		errs = append(errs, problem.FieldError{Pointer: pointer, Detail: detail})
	}
	switch u, err := url.Parse(nb.URL); {
	case nb.URL == "":
		add("/url", "is required")
	case len(nb.URL) > 2048:
		add("/url", "must be at most 2048 characters")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		add("/url", "must be an absolute http or https URL")
	}
	switch n := utf8.RuneCountInString(nb.Title); {
	case n == 0:
		add("/title", "is required")
	case n > 120:
		add("/title", "must be at most 120 characters")
	}
	if len(nb.Tags) > 5 {
		add("/tags", "must have at most 5 tags")
	}
	if nb.Visibility != "" && nb.Visibility != "public" && nb.Visibility != "private" {
		add("/visibility", "must be public or private")
	}
	return errs
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
