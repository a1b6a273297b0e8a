//go:build !solution

package statemachine

import "errors"

var errNotImplemented = errors.New("not implemented: edit exercises/2-state-machine/statemachine.go")

// Transition returns a with its status moved by action on behalf of by, or
// an error: ErrUnknownAction, then ErrInvalidTransition when the action is
// impossible from a.Status, then ErrForbidden when by may not take it. It
// never modifies its argument. The rules are in the README.
func Transition(a Article, action Action, by Actor) (Article, error) {
	return Article{}, errNotImplemented
}

// Allowed returns the actions by may take on a now, in the order of Actions
// (an empty, non-nil slice when there are none).
func Allowed(a Article, by Actor) []Action {
	return nil
}
