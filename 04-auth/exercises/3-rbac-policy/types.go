// Package rbacpolicy decides who may do what to an article: role-based
// access control (RBAC) refined by ownership and by one attribute of the
// resource (published or draft), the first step towards ABAC.
package rbacpolicy

import "errors"

// Role is a named set of permissions.
type Role string

const (
	Reader Role = "reader"
	Author Role = "author"
	Editor Role = "editor"
	Admin  Role = "admin"
)

// Principal is the caller. The zero Principal (empty ID) is anonymous.
type Principal struct {
	ID    string
	Roles []Role
}

// Action is what the caller wants to do.
type Action string

const (
	Read    Action = "read"
	Create  Action = "create"
	Update  Action = "update"
	Delete  Action = "delete"
	Publish Action = "publish"
)

// Article is the resource. For Create it is the article about to be made.
type Article struct {
	ID        string
	AuthorID  string
	Published bool
}

var (
	// ErrUnauthenticated means "log in first" (HTTP 401).
	ErrUnauthenticated = errors.New("rbacpolicy: authentication required")
	// ErrForbidden means "you are known, and the answer is no" (HTTP 403).
	ErrForbidden = errors.New("rbacpolicy: forbidden")
)
