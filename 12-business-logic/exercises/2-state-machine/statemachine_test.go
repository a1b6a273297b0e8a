package statemachine

import (
	"errors"
	"fmt"
	"testing"
)

var (
	ada     = Actor{ID: "ada", Role: Author}   // writes the article
	bob     = Actor{ID: "bob", Role: Author}   // another author
	grace   = Actor{ID: "grace", Role: Editor} // an editor
	adaEdit = Actor{ID: "ada", Role: Editor}   // the author, acting as an editor
	nobody  = Actor{}
	// anonEd claims the editor role with no ID: nobody to hold to account.
	anonEd = Actor{Role: Editor}
	// adaAdmin is the author with a role the workflow does not know.
	adaAdmin = Actor{ID: "ada", Role: "admin"}
)

func article(s Status) Article { return Article{ID: "a1", Author: "ada", Status: s} }

func TestTransition(t *testing.T) {
	tests := []struct {
		from    Status
		action  Action
		by      Actor
		want    Status // the new status, when wantErr is nil
		wantErr error
	}{
		{Draft, Submit, ada, Review, nil},
		{Draft, Submit, bob, "", ErrForbidden},
		{Draft, Submit, grace, "", ErrForbidden},
		{Draft, Submit, adaEdit, "", ErrForbidden},
		{Draft, Submit, nobody, "", ErrForbidden},
		{Draft, Approve, grace, "", ErrInvalidTransition},
		{Draft, Reject, grace, "", ErrInvalidTransition},
		{Draft, Archive, ada, Archived, nil},
		{Draft, Archive, grace, Archived, nil},
		{Draft, Archive, bob, "", ErrForbidden},
		{Review, Approve, grace, Published, nil},
		{Review, Approve, ada, "", ErrForbidden},
		{Review, Approve, adaEdit, "", ErrForbidden}, // four eyes: nobody approves their own work
		{Review, Reject, grace, Draft, nil},
		{Review, Reject, adaEdit, Draft, nil},
		{Review, Reject, ada, "", ErrForbidden},
		{Review, Submit, ada, "", ErrInvalidTransition},
		{Review, Archive, grace, "", ErrInvalidTransition},
		{Published, Archive, ada, Archived, nil},
		{Published, Archive, grace, Archived, nil},
		{Published, Archive, bob, "", ErrForbidden},
		{Published, Approve, grace, "", ErrInvalidTransition},
		{Published, Submit, ada, "", ErrInvalidTransition},
		{Published, Reject, grace, "", ErrInvalidTransition},
		{Archived, Archive, grace, "", ErrInvalidTransition},
		{Archived, Submit, ada, "", ErrInvalidTransition},
		{Archived, Approve, grace, "", ErrInvalidTransition},
		{Draft, Action("publish"), grace, "", ErrUnknownAction},
		{Archived, Action(""), ada, "", ErrUnknownAction},
		// The state is checked before the actor: the action is impossible for anyone.
		{Archived, Approve, bob, "", ErrInvalidTransition},
		{Archived, Archive, nobody, "", ErrInvalidTransition},
		{Review, Submit, grace, "", ErrInvalidTransition},
		// The action is checked before the state and the actor.
		{Archived, Action("publish"), nobody, "", ErrUnknownAction},
		{Draft, Action("Submit"), ada, "", ErrUnknownAction},
		// An empty actor ID is refused even where the role would do.
		{Review, Reject, anonEd, "", ErrForbidden},
		{Review, Approve, anonEd, "", ErrForbidden},
		{Draft, Archive, anonEd, "", ErrForbidden},
		{Published, Archive, anonEd, "", ErrForbidden},
		// A role the workflow does not know grants nothing, not even to the author.
		{Draft, Submit, adaAdmin, "", ErrForbidden},
		{Draft, Archive, adaAdmin, "", ErrForbidden},
		{Review, Reject, adaAdmin, "", ErrForbidden},
		{Review, Reject, bob, "", ErrForbidden},
		{Review, Approve, bob, "", ErrForbidden},
		{Review, Approve, Actor{ID: "bob", Role: Editor}, Published, nil},
		{Published, Archive, adaEdit, Archived, nil},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("%s from %s by %s %s", tc.action, tc.from, tc.by.Role, tc.by.ID)
		t.Run(name, func(t *testing.T) {
			in := article(tc.from)
			got, err := Transition(in, tc.action, tc.by)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("Transition(%s, %s, %+v) error = %v, want %v", tc.from, tc.action, tc.by, err, tc.wantErr)
				}
				return
			}
			if err != nil || got.Status != tc.want || got.ID != in.ID || got.Author != in.Author {
				t.Errorf("Transition(%s, %s, %+v) = %+v, %v; want status %s, same ID and author", tc.from, tc.action, tc.by, got, err, tc.want)
			}
			if in.Status != tc.from {
				t.Errorf("Transition modified its argument: status %s, want %s", in.Status, tc.from)
			}
		})
	}
}

func TestRejectThenResubmit(t *testing.T) {
	a := article(Draft)
	steps := []struct {
		action Action
		by     Actor
		want   Status
	}{{Submit, ada, Review}, {Reject, grace, Draft}, {Submit, ada, Review}, {Approve, grace, Published}, {Archive, ada, Archived}}
	for _, s := range steps {
		var err error
		if a, err = Transition(a, s.action, s.by); err != nil || a.Status != s.want {
			t.Fatalf("%s by %s: %+v, %v; want %s", s.action, s.by.ID, a, err, s.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		status Status
		by     Actor
		want   string
	}{
		{Draft, ada, "[submit archive]"},
		{Draft, grace, "[archive]"},
		{Draft, bob, "[]"},
		{Review, grace, "[approve reject]"},
		{Review, adaEdit, "[reject]"},
		{Review, ada, "[]"},
		{Published, ada, "[archive]"},
		{Published, bob, "[]"},
		{Archived, grace, "[]"},
		{Archived, ada, "[]"},
		{Draft, adaEdit, "[archive]"},
		{Review, anonEd, "[]"},
		{Draft, nobody, "[]"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s by %s %s", tc.status, tc.by.Role, tc.by.ID), func(t *testing.T) {
			got := Allowed(article(tc.status), tc.by)
			if got == nil || fmt.Sprint(got) != tc.want {
				t.Errorf("Allowed(%s, %s %s) = %#v, want %s (non-nil)", tc.status, tc.by.Role, tc.by.ID, got, tc.want)
			}
		})
	}
}
