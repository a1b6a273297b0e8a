// Package statemachine is exercise 2 of chapter 12: the publishing workflow
// as a state machine whose transitions are guarded by who is asking.
package statemachine

import "errors"

// Status is where an article is in the workflow.
type Status string

const (
	Draft     Status = "draft"
	Review    Status = "review"
	Published Status = "published"
	Archived  Status = "archived"
)

// Action is a request to move an article.
type Action string

const (
	Submit  Action = "submit"
	Approve Action = "approve"
	Reject  Action = "reject"
	Archive Action = "archive"
)

// Actions lists every action in the order Allowed reports them.
var Actions = []Action{Submit, Approve, Reject, Archive}

// Role is what a user may do.
type Role string

const (
	Author Role = "author"
	Editor Role = "editor"
)

// Actor is who is asking.
type Actor struct {
	ID   string
	Role Role
}

// Article is the part of an article the workflow needs.
type Article struct {
	ID     string
	Author string // the ID of the user who wrote it
	Status Status
}

var (
	// ErrUnknownAction: the action is not one of Actions.
	ErrUnknownAction = errors.New("unknown action")
	// ErrInvalidTransition: the action is not possible from the article's status.
	ErrInvalidTransition = errors.New("invalid transition")
	// ErrForbidden: the action is possible, but not for this actor.
	ErrForbidden = errors.New("forbidden")
)
