// Package hypermedia derives an article's links from its state and its
// viewer, and applies the actions those links advertise.
package hypermedia

import "errors"

// Status is an article's place in the workflow.
type Status string

const (
	Draft     Status = "draft"
	Published Status = "published"
	Archived  Status = "archived"
)

// Article is the part of an article the links depend on.
type Article struct {
	Slug   string
	Author string
	Status Status
}

// Link is a hypermedia control.
type Link struct {
	Rel    string // "self", "publish", ...
	Href   string // "/v2/articles/{slug}" or "/v2/articles/{slug}/{rel}"
	Method string // GET, PUT, POST or DELETE
}

var (
	// ErrNotFound: the viewer may not even know the article exists (404).
	ErrNotFound = errors.New("hypermedia: not found")
	// ErrForbidden: the viewer sees the article but may not act on it (403).
	ErrForbidden = errors.New("hypermedia: forbidden")
	// ErrConflict: the action exists but the article's state forbids it (409).
	ErrConflict = errors.New("hypermedia: not allowed in this state")
	// ErrUnknownAction: rel is not a workflow action at all (404).
	ErrUnknownAction = errors.New("hypermedia: unknown action")
)
