package main

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// validateNew checks a decoded article a client wants to create. A
// decoder only proves the bytes had the right shape; these are the rules
// of the domain. It returns every problem, not just the first.
func validateNew(d articleDoc) []string {
	var problems []string
	if d.ID != 0 {
		problems = append(problems, "id is assigned by the server; leave it out")
	}
	if d.FavoritesCount != 0 {
		problems = append(problems, "favoritesCount is counted by the server; leave it out")
	}
	if !d.CreatedAt.IsZero() {
		problems = append(problems, "createdAt is set by the server; leave it out")
	}
	if !slugRe.MatchString(d.Slug) {
		problems = append(problems, fmt.Sprintf("slug %q must be lowercase words joined by dashes", d.Slug))
	}
	return append(problems, validateContent(fromDoc(d))...)
}

// validateContent checks the fields a client may set, on create and patch.
func validateContent(a Article) []string {
	var problems []string
	if strings.TrimSpace(a.Title) == "" {
		problems = append(problems, "title is required")
	}
	for name, v := range map[string]string{"title": a.Title, "body": a.Body, "author.username": a.Author.Username} {
		if !utf8.ValidString(v) {
			problems = append(problems, name+" must be valid UTF-8")
		}
	}
	if utf8.RuneCountInString(a.Title) > 200 {
		problems = append(problems, "title must be at most 200 characters")
	}
	if a.Description != nil && utf8.RuneCountInString(*a.Description) > 500 {
		problems = append(problems, "description must be at most 500 characters")
	}
	if strings.TrimSpace(a.Author.Username) == "" {
		problems = append(problems, "author.username is required")
	}
	if len(a.Tags) > 10 {
		problems = append(problems, "at most 10 tags")
	}
	// NaN and ±Inf decode fine from MessagePack, Protocol Buffers and YAML
	// (.nan, .inf), but JSON has no way to write them: accepting one would
	// make every later JSON response for this article fail.
	if math.IsNaN(a.Rating) || math.IsInf(a.Rating, 0) {
		problems = append(problems, "rating must be a finite number (JSON cannot carry NaN or Infinity)")
	} else if a.Rating < 0 || a.Rating > 5 {
		problems = append(problems, "rating must be between 0 and 5")
	}
	return problems
}
