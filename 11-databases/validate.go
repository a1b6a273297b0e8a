package main

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The same rules the schema's CHECK constraints enforce, checked first in Go
// so that bad input gets a precise message instead of a constraint name.
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
	if !usernameRE.MatchString(username) {
		return fmt.Errorf("%w: username %q must be 1-32 characters of a-z, 0-9 and _", ErrInvalid, username)
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		return fmt.Errorf("%w: email %q is not a plain address like ada@example.com", ErrInvalid, email)
	}
	return nil
}

func validateArticle(a NewArticle) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(a.Title)); {
	case n == 0:
		return fmt.Errorf("%w: title is required", ErrInvalid)
	case n > maxTitle:
		return fmt.Errorf("%w: title is %d characters, the limit is %d", ErrInvalid, n, maxTitle)
	}
	if n := utf8.RuneCountInString(a.Body); n > maxBody {
		return fmt.Errorf("%w: body is %d characters, the limit is %d", ErrInvalid, n, maxBody)
	}
	if slugify(a.Title) == "" {
		return fmt.Errorf("%w: title %q has no letters or digits to make a slug from", ErrInvalid, a.Title)
	}
	if len(a.Tags) > maxTags {
		return fmt.Errorf("%w: %d tags, the limit is %d", ErrInvalid, len(a.Tags), maxTags)
	}
	for _, t := range a.Tags {
		if !tagRE.MatchString(t) {
			return fmt.Errorf("%w: tag %q must be 1-32 characters of a-z, 0-9 and -", ErrInvalid, t)
		}
	}
	return nil
}

func validateComment(body string) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(body)); {
	case n == 0:
		return fmt.Errorf("%w: comment body is required", ErrInvalid)
	case n > maxComment:
		return fmt.Errorf("%w: comment is %d characters, the limit is %d", ErrInvalid, n, maxComment)
	}
	return nil
}

// slugify makes a URL slug from a title: "Hello, World!" → "hello-world".
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 100 {
			break
		}
	}
	return b.String()
}
