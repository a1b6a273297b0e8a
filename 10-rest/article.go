package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"workbook/serve/slug"
)

// articleStatus is where an article is in its life: draft → published → archived.
type articleStatus string

const (
	statusDraft     articleStatus = "draft"
	statusPublished articleStatus = "published"
	statusArchived  articleStatus = "archived"
)

// transitions lists, per state, the actions allowed and the state each
// leads to. The hypermedia links an article advertises are read from this
// same table (hypermedia.go), so links and rules cannot disagree.
var transitions = map[articleStatus]map[string]articleStatus{
	statusDraft:     {"publish": statusPublished},
	statusPublished: {"archive": statusArchived},
	statusArchived:  {},
}

// article is one Conduit article.
type article struct {
	Slug        string
	Title       string
	Description string
	Body        string
	Tags        []string
	Author      string
	Status      articleStatus
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// visibleTo reports whether viewer ("" = anonymous) may see a: drafts are
// their author's alone.
func (a article) visibleTo(viewer string) bool {
	return a.Status != statusDraft || a.Author == viewer
}

// articleInput is what a client writes (POST and PUT bodies).
type articleInput struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Body        string   `json:"body"`
	Tags        []string `json:"tagList"`
}

// fieldError says what is wrong with one field; Pointer is an RFC 6901
// JSON Pointer into the request body, as RFC 9457's examples use.
type fieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// validationError collects every fieldError; the server answers it with 422.
type validationError struct{ Errors []fieldError }

func (e *validationError) Error() string {
	return fmt.Sprintf("rest: %d invalid fields", len(e.Errors))
}

var tagPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate returns a *validationError naming every bad field, or nil.
func (in articleInput) Validate() error {
	var errs []fieldError
	add := func(ptr, detail string) { errs = append(errs, fieldError{Pointer: ptr, Detail: detail}) }
	switch t := strings.TrimSpace(in.Title); {
	case t == "":
		add("#/article/title", "is required")
	case utf8.RuneCountInString(t) > 200:
		add("#/article/title", "must be at most 200 characters")
	case slug.Make(t) == "":
		add("#/article/title", "title must contain a letter or digit")
	}
	if utf8.RuneCountInString(in.Description) > 500 {
		add("#/article/description", "must be at most 500 characters")
	}
	switch {
	case strings.TrimSpace(in.Body) == "":
		add("#/article/body", "is required")
	case len(in.Body) > 64<<10:
		add("#/article/body", "must be at most 65536 bytes")
	}
	if len(in.Tags) > 10 {
		add("#/article/tagList", "must hold at most 10 tags")
	}
	for i, t := range in.Tags {
		if len(t) > 30 || !tagPattern.MatchString(t) {
			add(fmt.Sprintf("#/article/tagList/%d", i), "must be 1-30 lowercase letters, digits and single dashes")
		}
	}
	if errs != nil {
		return &validationError{Errors: errs}
	}
	return nil
}

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
