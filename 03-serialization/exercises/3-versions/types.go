// Package versions reads article payloads written by two generations of
// clients into one model.
package versions

import "errors"

// Article is the one model both versions decode into.
type Article struct {
	Title  string
	Body   string
	Author Author
	Tags   []string // never nil
	Status Status
}

// Author wrote the article. Version 1 payloads carry only the username.
type Author struct {
	Username string
	Bio      string
}

// Status is where an article is in its life.
type Status string

const (
	Draft     Status = "draft"
	Published Status = "published"
	Archived  Status = "archived"
)

// Errors; Decode wraps them with the field's name, test with errors.Is.
var (
	ErrUnsupportedVersion = errors.New("versions: unsupported version")
	ErrMissingField       = errors.New("versions: missing required field")
	ErrBadField           = errors.New("versions: field has the wrong type or value")
	ErrUnknownField       = errors.New("versions: unknown field")
)
