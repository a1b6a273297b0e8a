package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"workbook/serve/slug"
)

// article is one Conduit article as the store keeps it. The slug is its
// identity: it is derived from the title on create and never changes, so a
// URL handed out once keeps pointing at the same article.
type article struct {
	ID          int64
	Slug        string
	Title       string
	Description string
	Body        string
	Tags        []string
	Author      string
	Version     int // incremented by every change; the ETag is built from it
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   time.Time // zero while the article is live (soft delete)
}

// Deleted reports whether the article has been soft-deleted.
func (a article) Deleted() bool { return !a.DeletedAt.IsZero() }

// clone returns a deep copy so callers never share the store's slices.
func (a article) clone() article {
	a.Tags = slices.Clone(a.Tags)
	return a
}

// articleInput is the part of an article a client may write: the body of
// POST and PUT, and the document a PATCH merges into.
type articleInput struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Body        string   `json:"body"`
	Tags        []string `json:"tagList"`
}

// Limits on what a client may store. Input is always bounded.
const (
	maxTitle       = 200
	maxDescription = 500
	maxBody        = 64 << 10
	maxTags        = 10
	maxTagLen      = 30
)

var tagPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validationError lists every field that failed, so a client can fix them all
// in one round trip instead of discovering them one 422 at a time.
type validationError struct {
	Fields map[string]string // field name → what is wrong with it
	base   string            // JSON Pointer of the object validated: "" or "/article"
}

// inArticle says that the fields of err (if it is a *validationError) sit
// under "article" in the request body, as they do in POST and PUT.
func inArticle(err error) error {
	var verr *validationError
	if errors.As(err, &verr) {
		verr.base = "/article"
	}
	return err
}

func (e *validationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid article: " + strings.Join(parts, "; ")
}

// Validate checks in against the limits above and returns a
// *validationError naming every bad field, or nil.
func (in articleInput) Validate() error {
	f := map[string]string{}
	switch title := strings.TrimSpace(in.Title); {
	case title == "":
		f["title"] = "is required"
	case utf8.RuneCountInString(title) > maxTitle:
		f["title"] = fmt.Sprintf("must be at most %d characters", maxTitle)
	case slug.Make(title) == "":
		f["title"] = "title must contain a letter or digit"
	}
	if utf8.RuneCountInString(in.Description) > maxDescription {
		f["description"] = fmt.Sprintf("must be at most %d characters", maxDescription)
	}
	switch {
	case strings.TrimSpace(in.Body) == "":
		f["body"] = "is required"
	case len(in.Body) > maxBody:
		f["body"] = fmt.Sprintf("must be at most %d bytes", maxBody)
	}
	if len(in.Tags) > maxTags {
		f["tagList"] = fmt.Sprintf("must hold at most %d tags", maxTags)
	} else {
		for i, t := range in.Tags {
			if len(t) > maxTagLen || !tagPattern.MatchString(t) {
				f["tagList"] = fmt.Sprintf("tag %d (%q) must be 1-%d lowercase letters, digits and single dashes", i, t, maxTagLen)
				break
			}
		}
	}
	if len(f) > 0 {
		return &validationError{Fields: f}
	}
	return nil
}

// newArticle validates in and builds an unsaved article written by author.
// The store assigns ID, Version and timestamps.
func newArticle(in articleInput, author string) (article, error) {
	if err := in.Validate(); err != nil {
		return article{}, err
	}
	a := article{Slug: slug.Make(in.Title), Author: author}
	a.apply(in)
	return a, nil
}

// apply copies the writable fields of in onto a, normalizing tags (sorted,
// de-duplicated) so two equal articles have equal representations.
func (a *article) apply(in articleInput) {
	a.Title = strings.TrimSpace(in.Title)
	a.Description = in.Description
	a.Body = in.Body
	tags := slices.Clone(in.Tags)
	slices.Sort(tags)
	a.Tags = slices.Compact(tags)
	if a.Tags == nil {
		a.Tags = []string{}
	}
}

// input is the writable view of a, the document PUT replaces and PATCH merges into.
func (a article) input() articleInput {
	return articleInput{Title: a.Title, Description: a.Description, Body: a.Body, Tags: slices.Clone(a.Tags)}
}
