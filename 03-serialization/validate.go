package main

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"workbook/serve/problem"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// validateNew checks a decoded article a client wants to create. A
// decoder only proves the bytes had the right shape; these are the rules
// of the domain. It returns every problem, not just the first, each with a
// JSON Pointer (RFC 6901) to its field in the article's document model —
// the same path whichever of the five formats carried it.
func validateNew(d articleDoc) []problem.FieldError {
	var invalid []problem.FieldError
	if d.ID != 0 {
		invalid = append(invalid, problem.FieldError{Pointer: "/id", Detail: "id is assigned by the server; leave it out"})
	}
	if d.FavoritesCount != 0 {
		invalid = append(invalid, problem.FieldError{Pointer: "/favoritesCount", Detail: "favoritesCount is counted by the server; leave it out"})
	}
	if !d.CreatedAt.IsZero() {
		invalid = append(invalid, problem.FieldError{Pointer: "/createdAt", Detail: "createdAt is set by the server; leave it out"})
	}
	if !slugRe.MatchString(d.Slug) {
		invalid = append(invalid, problem.FieldError{Pointer: "/slug", Detail: fmt.Sprintf("slug %q must be lowercase words joined by dashes", d.Slug)})
	}
	return append(invalid, validateContent(fromDoc(d))...)
}

// validateContent checks the fields a client may set, on create and patch.
func validateContent(a Article) []problem.FieldError {
	var invalid []problem.FieldError
	add := func(pointer, detail string) {
		invalid = append(invalid, problem.FieldError{Pointer: pointer, Detail: detail})
	}
	if strings.TrimSpace(a.Title) == "" {
		add("/title", "title is required")
	}
	for _, f := range []struct{ pointer, name, value string }{
		{"/title", "title", a.Title}, {"/body", "body", a.Body}, {"/author/username", "author.username", a.Author.Username},
	} {
		if !utf8.ValidString(f.value) {
			add(f.pointer, f.name+" must be valid UTF-8")
		}
	}
	if utf8.RuneCountInString(a.Title) > 200 {
		add("/title", "title must be at most 200 characters")
	}
	if a.Description != nil && utf8.RuneCountInString(*a.Description) > 500 {
		add("/description", "description must be at most 500 characters")
	}
	if strings.TrimSpace(a.Author.Username) == "" {
		add("/author/username", "author.username is required")
	}
	if len(a.Tags) > 10 {
		add("/tags", "at most 10 tags")
	}
	// NaN and ±Inf decode fine from MessagePack, Protocol Buffers and YAML
	// (.nan, .inf), but JSON has no way to write them: accepting one would
	// make every later JSON response for this article fail.
	if math.IsNaN(a.Rating) || math.IsInf(a.Rating, 0) {
		add("/rating", "rating must be a finite number (JSON cannot carry NaN or Infinity)")
	} else if a.Rating < 0 || a.Rating > 5 {
		add("/rating", "rating must be between 0 and 5")
	}
	return invalid
}
