// Package bookmark is the chapter's small service: saved links, a
// Repository port with two adapters (Memory and Postgres) that pass one
// contract suite, and a Service that holds the rules.
package bookmark

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Bookmark is one saved link.
type Bookmark struct {
	ID        int64     `json:"id"`
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"createdAt"`
}

// NewBookmark is what a client sends to save a link.
type NewBookmark struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// MaxTitle is the longest title accepted, in characters.
const MaxTitle = 200

// MaxURL is the longest URL accepted, in bytes.
const MaxURL = 2048

var (
	// ErrNotFound is returned when no bookmark has the ID asked for.
	ErrNotFound = errors.New("bookmark not found")
	// ErrConflict is returned when a bookmark with the same URL exists.
	ErrConflict = errors.New("a bookmark with this URL exists")
)

// FieldError is one invalid field: Field is the JSON member, Problem says
// what is wrong with it.
type FieldError struct {
	Field   string
	Problem string
}

// ValidationError lists every invalid field of a NewBookmark.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	parts := make([]string, len(v))
	for i, f := range v {
		parts[i] = f.Field + ": " + f.Problem
	}
	return "invalid bookmark: " + strings.Join(parts, "; ")
}

// Validate reports every problem of in at once (a client fixes them all in
// one round trip), or nil.
func Validate(in NewBookmark) error {
	var errs ValidationError
	if _, err := NormalizeURL(in.URL); err != nil {
		errs = append(errs, FieldError{"url", err.Error()})
	}
	title := strings.TrimSpace(in.Title)
	switch {
	case title == "":
		errs = append(errs, FieldError{"title", "must not be empty"})
	case utf8.RuneCountInString(title) > MaxTitle:
		errs = append(errs, FieldError{"title", fmt.Sprintf("must be at most %d characters", MaxTitle)})
	case !utf8.ValidString(title):
		errs = append(errs, FieldError{"title", "must be valid UTF-8"})
	}
	if errs != nil {
		return errs
	}
	return nil
}

// NormalizeURL returns the canonical spelling of an absolute http(s) URL, so
// that two spellings of one link are one bookmark: the scheme and host are
// lower-cased, a default port and the fragment are dropped, and an empty
// path becomes "/". It is idempotent: NormalizeURL of its own output returns
// that output unchanged (FuzzNormalizeURL checks it).
func NormalizeURL(raw string) (string, error) {
	u, err := parseAbsolute(raw)
	if err != nil {
		return "", err
	}
	u.Host = canonicalHost(u.Scheme, u.Hostname(), u.Port())
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	out := u.String()
	if len(out) > MaxURL {
		return "", fmt.Errorf("must be at most %d bytes", MaxURL)
	}
	return out, nil
}

// parseAbsolute parses raw and accepts only an absolute http or https URL
// with a host and no user info; the scheme comes back lower-cased.
func parseAbsolute(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("must not be empty")
	}
	if len(raw) > MaxURL {
		return nil, fmt.Errorf("must be at most %d bytes", MaxURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("must be a valid URL")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("must be an absolute http or https URL")
	}
	if u.Opaque != "" || u.User != nil || u.Hostname() == "" {
		return nil, errors.New("must be an absolute http or https URL with a host and no user info")
	}
	return u, nil
}

// canonicalHost is host[:port] lower-cased, without the scheme's default
// port, with an IPv6 literal in its brackets.
func canonicalHost(scheme, host, port string) string {
	host = strings.ToLower(host)
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal keeps its brackets
	}
	if port != "" {
		host += ":" + port
	}
	return host
}
