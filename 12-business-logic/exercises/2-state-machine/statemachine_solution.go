//go:build solution

package statemachine

import (
	"fmt"
	"slices"
	"time"
)

// guard refuses a transition by returning its reason, or allows it with nil.
type guard func(c Comment, by Actor, now time.Time) error

// rule is one edge of the state machine and its guards, checked in order:
// the first that refuses gives the reason.
type rule struct {
	from   []State
	to     State
	guards []guard
}

// moderation is what every moderator action requires.
var moderation = []guard{moderatorOnly, notOwnComment}

// live are the states a comment can still leave.
var live = []State{Pending, Approved, Hidden}

var rules = map[Action]rule{
	Edit:     {from: []State{Pending}, to: Pending, guards: []guard{authorOnly, withinEditWindow}},
	Approve:  {from: []State{Pending}, to: Approved, guards: moderation},
	Reject:   {from: []State{Pending}, to: Rejected, guards: moderation},
	MarkSpam: {from: live, to: Spam, guards: moderation},
	Hide:     {from: []State{Approved}, to: Hidden, guards: moderation},
	Restore:  {from: []State{Hidden}, to: Approved, guards: moderation},
	Delete:   {from: live, to: Deleted, guards: []guard{authorOnly}},
}

func authorOnly(c Comment, by Actor, _ time.Time) error {
	if by.ID != c.Author {
		return fmt.Errorf("%w (%s wrote comment %s)", ErrNotAuthor, c.Author, c.ID)
	}
	return nil
}

func moderatorOnly(_ Comment, by Actor, _ time.Time) error {
	if by.Role != Moderator {
		return ErrNotModerator
	}
	return nil
}

func notOwnComment(c Comment, by Actor, _ time.Time) error {
	if by.ID == c.Author {
		return ErrOwnComment
	}
	return nil
}

func withinEditWindow(c Comment, _ Actor, now time.Time) error {
	if closed := c.PostedAt.Add(EditWindow); !now.Before(closed) {
		return fmt.Errorf("%w at %s", ErrEditWindowClosed, closed.Format(time.RFC3339))
	}
	return nil
}

// Transition returns c moved by action on behalf of by at time now, with one
// Entry appended to its History, or the first error that applies:
// ErrUnknownAction, ErrInvalidTransition, then the reason the first refusing
// guard gives (ErrNoActor, ErrNotAuthor, ErrNotModerator, ErrOwnComment,
// ErrEditWindowClosed). It never modifies c, nor the array behind c.History.
// The rules are in the README.
func Transition(c Comment, action Action, by Actor, now time.Time) (Comment, error) {
	r, ok := rules[action]
	if !ok {
		return Comment{}, fmt.Errorf("%w %q", ErrUnknownAction, action)
	}
	if !slices.Contains(r.from, c.State) {
		return Comment{}, fmt.Errorf("%w: cannot %s a %s comment", ErrInvalidTransition, action, c.State)
	}
	if by.ID == "" {
		return Comment{}, ErrNoActor
	}
	for _, g := range r.guards {
		if err := g(c, by, now); err != nil {
			return Comment{}, err
		}
	}
	// c is a copy, but c.History shares its array with the caller's: append
	// to a clipped slice so a spare capacity is never written into.
	c.History = append(slices.Clip(c.History), Entry{Action: action, By: by.ID, From: c.State, To: r.to, At: now})
	c.State = r.to
	return c, nil
}

// Allowed returns the actions by may take on c at time now, in the order of
// Actions (an empty, non-nil slice when there are none).
func Allowed(c Comment, by Actor, now time.Time) []Action {
	out := []Action{}
	for _, action := range Actions {
		if _, err := Transition(c, action, by, now); err == nil {
			out = append(out, action)
		}
	}
	return out
}
