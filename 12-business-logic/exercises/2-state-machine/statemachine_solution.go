//go:build solution

package statemachine

import (
	"fmt"
	"slices"
)

// rule is one edge of the state machine and its guard.
type rule struct {
	from  []Status
	to    Status
	guard func(a Article, by Actor) bool
}

// rules is the workflow in one table: adding a state or a permission is one
// line here, not an if buried in a handler.
var rules = map[Action]rule{
	Submit:  {from: []Status{Draft}, to: Review, guard: isAuthorOf},
	Approve: {from: []Status{Review}, to: Published, guard: func(a Article, by Actor) bool { return by.Role == Editor && by.ID != a.Author }},
	Reject:  {from: []Status{Review}, to: Draft, guard: func(a Article, by Actor) bool { return by.Role == Editor }},
	Archive: {from: []Status{Draft, Published}, to: Archived, guard: func(a Article, by Actor) bool { return by.Role == Editor || isAuthorOf(a, by) }},
}

func isAuthorOf(a Article, by Actor) bool { return by.Role == Author && by.ID == a.Author }

// Transition returns a with its status moved by action on behalf of by, or
// an error: ErrUnknownAction, then ErrInvalidTransition when the action is
// impossible from a.Status, then ErrForbidden when by may not take it. It
// never modifies its argument. The rules are in the README.
func Transition(a Article, action Action, by Actor) (Article, error) {
	r, ok := rules[action]
	if !ok {
		return Article{}, fmt.Errorf("%w %q", ErrUnknownAction, action)
	}
	if !slices.Contains(r.from, a.Status) {
		return Article{}, fmt.Errorf("%w: cannot %s an article in %s", ErrInvalidTransition, action, a.Status)
	}
	if by.ID == "" || !r.guard(a, by) {
		return Article{}, fmt.Errorf("%w: %s %q may not %s article %s", ErrForbidden, by.Role, by.ID, action, a.ID)
	}
	a.Status = r.to // a is a copy: the caller's article is untouched
	return a, nil
}

// Allowed returns the actions by may take on a now, in the order of Actions
// (an empty, non-nil slice when there are none).
func Allowed(a Article, by Actor) []Action {
	out := []Action{}
	for _, action := range Actions {
		if _, err := Transition(a, action, by); err == nil {
			out = append(out, action)
		}
	}
	return out
}
