package main

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"sync"
	"unicode/utf8"

	"workbook/serve/problem"
)

// comment is what a visitor posts; every field is attacker-controlled.
type comment struct{ Name, Website, Text string }

// commentStore keeps the last maxComments comments in memory.
type commentStore struct {
	mu   sync.Mutex
	list []comment
}

const maxComments = 50

func (s *commentStore) add(c comment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.list = append(s.list, c)
	if len(s.list) > maxComments {
		s.list = s.list[len(s.list)-maxComments:]
	}
}

func (s *commentStore) all() []comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]comment(nil), s.list...)
}

// handleAddComment stores a comment as given (bounded, but not "sanitised":
// escaping belongs to the output, where the context is known).
func (a *app) handleAddComment(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if !parseForm(w, r, "the comment must be a form of at most 8 KiB") {
		return
	}
	c := comment{Name: r.PostForm.Get("name"), Website: r.PostForm.Get("website"), Text: r.PostForm.Get("text")}
	var bad []problem.FieldError
	for _, f := range []struct{ name, value string }{{"name", c.Name}, {"website", c.Website}, {"text", c.Text}} {
		switch {
		case !utf8.ValidString(f.value) || len(f.value) > 1000:
			bad = append(bad, problem.FieldError{Pointer: "/" + f.name, Detail: f.name + " must be valid UTF-8 of at most 1000 bytes"})
		case f.value == "" && f.name != "website":
			bad = append(bad, problem.FieldError{Pointer: "/" + f.name, Detail: f.name + " is required"})
		}
	}
	if len(bad) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the comment has invalid fields")
		p.Errors = bad
		problem.Write(w, r, p)
		return
	}
	a.comments.add(c)
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintln(w, "stored")
}

// parseForm parses r's form; on failure it writes 413 (too big) or 400 and
// returns false.
func parseForm(w http.ResponseWriter, r *http.Request, detail string) bool {
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, detail)
	case err != nil:
		problem.Error(w, r, http.StatusBadRequest, detail)
	default:
		return true
	}
	return false
}

// handleCommentsUnsafe prints comments into HTML with fmt: whatever markup a
// visitor posted becomes part of the page (stored XSS). It also drops the
// CSP header, so nothing stops the injected script.
func (a *app) handleCommentsUnsafe(w http.ResponseWriter, r *http.Request) {
	w.Header().Del("Content-Security-Policy")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<!doctype html><title>comments</title><ul>\n")
	for _, c := range a.comments.all() {
		// VULNERABLE: no escaping at all.
		fmt.Fprintf(w, "<li><a href=\"%s\">%s</a>: %s</li>\n", c.Website, c.Name, c.Text)
	}
	fmt.Fprint(w, "</ul>\n")
}

// commentsPage escapes each value for the context it lands in: HTML text,
// an attribute, a URL (where javascript: becomes #ZgotmplZ).
var commentsPage = template.Must(template.New("comments").Parse(`<!doctype html><title>comments</title><ul>
{{range .}}<li><a href="{{.Website}}">{{.Name}}</a>: {{.Text}}</li>
{{end}}</ul>
`))

func (a *app) handleCommentsSafe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := commentsPage.Execute(w, a.comments.all()); err != nil {
		a.audit.log.Error("render comments", "err", err)
	}
}
