// Package statemachine is exercise 2 of chapter 12: comment moderation as a
// state machine whose guards say which rule refused, with a time-based rule
// and an audit trail returned as a value.
package statemachine

import (
	"errors"
	"fmt"
	"time"
)

// State is where a comment is in moderation.
type State string

const (
	Pending  State = "pending"  // posted, waiting for a moderator
	Approved State = "approved" // visible
	Rejected State = "rejected" // refused by a moderator (terminal)
	Spam     State = "spam"     // marked as spam (terminal)
	Hidden   State = "hidden"   // taken down by a moderator, may be restored
	Deleted  State = "deleted"  // removed by its author (terminal)
)

// Action is a request to move a comment.
type Action string

const (
	Edit     Action = "edit"
	Approve  Action = "approve"
	Reject   Action = "reject"
	MarkSpam Action = "spam"
	Hide     Action = "hide"
	Restore  Action = "restore"
	Delete   Action = "delete"
)

// Actions lists every action in the order Allowed reports them.
var Actions = []Action{Edit, Approve, Reject, MarkSpam, Hide, Restore, Delete}

// Role is what a user may do.
type Role string

const (
	Member    Role = "member"
	Moderator Role = "moderator"
)

// Actor is who is asking.
type Actor struct {
	ID   string
	Role Role
}

// EditWindow is how long after posting its author may still edit a pending
// comment: editing is allowed while now is before PostedAt + EditWindow.
const EditWindow = 15 * time.Minute

// Comment is the part of a comment moderation needs.
type Comment struct {
	ID       string
	Author   string // the ID of the user who wrote it
	State    State
	PostedAt time.Time
	History  []Entry // every transition taken, oldest first
}

// Entry is one line of a comment's audit trail.
type Entry struct {
	Action   Action
	By       string // the actor's ID
	From, To State
	At       time.Time // the now of the transition
}

var (
	// ErrUnknownAction: the action is not one of Actions.
	ErrUnknownAction = errors.New("unknown action")
	// ErrInvalidTransition: the action is not possible from the comment's
	// state, whoever asks.
	ErrInvalidTransition = errors.New("invalid transition")

	// ErrForbidden is wrapped by every reason below: the action is possible
	// from this state, but a guard refused it.
	ErrForbidden = errors.New("forbidden")
	// ErrNoActor: the actor has no ID, so nobody could be held to account.
	ErrNoActor = fmt.Errorf("%w: an actor with an ID is required", ErrForbidden)
	// ErrNotAuthor: only the comment's author may do that.
	ErrNotAuthor = fmt.Errorf("%w: only the author may do that", ErrForbidden)
	// ErrNotModerator: only a moderator may do that.
	ErrNotModerator = fmt.Errorf("%w: only a moderator may do that", ErrForbidden)
	// ErrOwnComment: a moderator may not moderate their own comment.
	ErrOwnComment = fmt.Errorf("%w: moderators may not moderate their own comments", ErrForbidden)
	// ErrEditWindowClosed: the author's edit window has passed.
	ErrEditWindowClosed = fmt.Errorf("%w: the edit window has closed", ErrForbidden)
)

// Reasons lists every guard's refusal, in the order the guards are checked.
var Reasons = []error{ErrNoActor, ErrNotAuthor, ErrNotModerator, ErrOwnComment, ErrEditWindowClosed}
