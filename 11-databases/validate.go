package main

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"workbook/serve/slug"
)

// The same rules the schema's CHECK constraints enforce, checked first in Go
// so that bad input gets a precise message for every field at once, instead
// of the name of the first constraint it broke.
var (
	usernameRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	tagRE      = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)
)

const (
	maxTitle   = 200
	maxBody    = 10000
	maxTags    = 10
	maxComment = 10000
)

func validateUser(username, email string) error {
	var v validationError
	if !usernameRE.MatchString(username) {
		v.add("/username", "username %q must be 1-32 characters of a-z, 0-9 and _", username)
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		v.add("/email", "email %q is not a plain address like ada@example.com", email)
	}
	return v.err()
}

func validateArticle(a articleInput) error {
	var v validationError
	if !usernameRE.MatchString(a.Author) {
		v.add("/author", "author %q must be a username: 1-32 characters of a-z, 0-9 and _", a.Author)
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(a.Title)); {
	case n == 0:
		v.add("/title", "title is required")
	case n > maxTitle:
		v.add("/title", "title is %d characters, the limit is %d", n, maxTitle)
	case slug.Make(a.Title) == "":
		// The URL of an article is its slug; a title without one has no URL.
		v.add("/title", "title must contain a letter or digit")
	}
	if n := utf8.RuneCountInString(a.Body); n > maxBody {
		v.add("/body", "body is %d characters, the limit is %d", n, maxBody)
	}
	if len(a.Tags) > maxTags {
		v.add("/tags", "%d tags, the limit is %d", len(a.Tags), maxTags)
	}
	for i, t := range a.Tags {
		if !tagRE.MatchString(t) {
			v.add(fmt.Sprintf("/tags/%d", i), "tag %q must be 1-32 characters of a-z, 0-9 and -", t)
		}
	}
	return v.err()
}

func validateComment(author, body string) error {
	var v validationError
	if !usernameRE.MatchString(author) {
		v.add("/author", "author %q must be a username: 1-32 characters of a-z, 0-9 and _", author)
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(body)); {
	case n == 0:
		v.add("/body", "comment body is required")
	case n > maxComment:
		v.add("/body", "comment is %d characters, the limit is %d", n, maxComment)
	}
	return v.err()
}
