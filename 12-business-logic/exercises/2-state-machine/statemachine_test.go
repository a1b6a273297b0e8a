package statemachine

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

var (
	ana    = Actor{ID: "ana", Role: Member}    // wrote the comment
	ben    = Actor{ID: "ben", Role: Member}    // another member
	mo     = Actor{ID: "mo", Role: Moderator}  // a moderator
	anaMod = Actor{ID: "ana", Role: Moderator} // the author, who is also a moderator
	// anaAdmin is the author with a role moderation does not know.
	anaAdmin = Actor{ID: "ana", Role: "admin"}
	nobody   = Actor{}
	// anonMod claims the moderator role with no ID: nobody to hold to account.
	anonMod = Actor{Role: Moderator}
)

// posted is when every test comment was posted.
var posted = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func comment(s State) Comment {
	return Comment{ID: "c1", Author: "ana", State: s, PostedAt: posted}
}

// isOnly reports whether err is want and no other refusal: an error that
// joins several reasons does not say which rule refused.
func isOnly(err, want error) bool {
	if !errors.Is(err, want) {
		return false
	}
	others := append([]error{ErrUnknownAction, ErrInvalidTransition}, Reasons...)
	for _, other := range others {
		if other != want && errors.Is(err, other) {
			return false
		}
	}
	if want == ErrUnknownAction || want == ErrInvalidTransition {
		return !errors.Is(err, ErrForbidden)
	}
	return errors.Is(err, ErrForbidden)
}

func TestTransition(t *testing.T) {
	const in5m = 5 * time.Minute
	tests := []struct {
		from    State
		action  Action
		by      Actor
		after   time.Duration // now - PostedAt
		want    State         // the new state, when wantErr is nil
		wantErr error
	}{
		// Editing: the author only, by ID whatever the role, while the window is open.
		{Pending, Edit, ana, in5m, Pending, nil},
		{Pending, Edit, anaMod, in5m, Pending, nil},
		{Pending, Edit, anaAdmin, in5m, Pending, nil},
		{Pending, Edit, ben, in5m, "", ErrNotAuthor},
		{Pending, Edit, mo, in5m, "", ErrNotAuthor},
		{Pending, Edit, ana, 0, Pending, nil},
		{Pending, Edit, ana, EditWindow - time.Nanosecond, Pending, nil},
		{Pending, Edit, ana, EditWindow, "", ErrEditWindowClosed},
		{Pending, Edit, ana, EditWindow + time.Nanosecond, "", ErrEditWindowClosed},
		{Pending, Edit, ana, 2 * time.Hour, "", ErrEditWindowClosed},
		{Pending, Edit, ana, -time.Minute, Pending, nil},      // a clock a little behind the poster's
		{Pending, Edit, ben, 2 * time.Hour, "", ErrNotAuthor}, // who, before when
		{Pending, Edit, nobody, in5m, "", ErrNoActor},
		{Approved, Edit, ana, in5m, "", ErrInvalidTransition},
		{Hidden, Edit, ana, in5m, "", ErrInvalidTransition},
		// Approving and rejecting: a moderator, never their own comment.
		{Pending, Approve, mo, in5m, Approved, nil},
		{Pending, Approve, mo, 2 * time.Hour, Approved, nil}, // the edit window is the author's rule only
		{Pending, Approve, anaMod, in5m, "", ErrOwnComment},
		{Pending, Approve, ana, in5m, "", ErrNotModerator}, // the role is checked before the ownership
		{Pending, Approve, ben, in5m, "", ErrNotModerator},
		{Pending, Approve, anaAdmin, in5m, "", ErrNotModerator},
		{Pending, Approve, anonMod, in5m, "", ErrNoActor},
		{Pending, Approve, nobody, in5m, "", ErrNoActor},
		{Approved, Approve, mo, in5m, "", ErrInvalidTransition},
		{Hidden, Approve, mo, in5m, "", ErrInvalidTransition},
		{Pending, Reject, mo, in5m, Rejected, nil},
		{Pending, Reject, anaMod, in5m, "", ErrOwnComment},
		{Pending, Reject, ben, in5m, "", ErrNotModerator},
		{Pending, Reject, anonMod, in5m, "", ErrNoActor},
		{Approved, Reject, mo, in5m, "", ErrInvalidTransition},
		// Spam: from any state a comment can still leave.
		{Pending, MarkSpam, mo, in5m, Spam, nil},
		{Approved, MarkSpam, mo, in5m, Spam, nil},
		{Hidden, MarkSpam, mo, in5m, Spam, nil},
		{Pending, MarkSpam, anaMod, in5m, "", ErrOwnComment},
		{Approved, MarkSpam, ben, in5m, "", ErrNotModerator},
		{Hidden, MarkSpam, anonMod, in5m, "", ErrNoActor},
		// Hiding and restoring.
		{Approved, Hide, mo, in5m, Hidden, nil},
		{Approved, Hide, anaMod, in5m, "", ErrOwnComment},
		{Approved, Hide, ana, in5m, "", ErrNotModerator},
		{Pending, Hide, mo, in5m, "", ErrInvalidTransition},
		{Hidden, Hide, mo, in5m, "", ErrInvalidTransition},
		{Hidden, Restore, mo, in5m, Approved, nil},
		{Hidden, Restore, anaMod, in5m, "", ErrOwnComment},
		{Hidden, Restore, ben, in5m, "", ErrNotModerator},
		{Approved, Restore, mo, in5m, "", ErrInvalidTransition},
		{Pending, Restore, mo, in5m, "", ErrInvalidTransition},
		// Deleting: the author, whatever the role, at any time, unless terminal.
		{Pending, Delete, ana, in5m, Deleted, nil},
		{Approved, Delete, ana, in5m, Deleted, nil},
		{Hidden, Delete, ana, in5m, Deleted, nil},
		{Approved, Delete, anaMod, in5m, Deleted, nil},
		{Approved, Delete, ana, 2 * time.Hour, Deleted, nil},
		{Approved, Delete, mo, in5m, "", ErrNotAuthor},
		{Approved, Delete, ben, in5m, "", ErrNotAuthor},
		{Approved, Delete, nobody, in5m, "", ErrNoActor},
		{Spam, Delete, ana, in5m, "", ErrInvalidTransition},
		{Rejected, Delete, ana, in5m, "", ErrInvalidTransition},
		{Deleted, Delete, ana, in5m, "", ErrInvalidTransition},
		// The state is checked before the actor: the action is impossible for anyone.
		{Spam, Approve, nobody, in5m, "", ErrInvalidTransition},
		{Approved, Edit, ben, 2 * time.Hour, "", ErrInvalidTransition},
		{Rejected, Restore, anaMod, in5m, "", ErrInvalidTransition},
		// The action is checked before the state and the actor.
		{Pending, Action("publish"), mo, in5m, "", ErrUnknownAction},
		{Pending, Action(""), ana, in5m, "", ErrUnknownAction},
		{Pending, Action("Approve"), mo, in5m, "", ErrUnknownAction},
		{Spam, Action("publish"), nobody, in5m, "", ErrUnknownAction},
	}
	for _, tc := range tests {
		name := fmt.Sprintf("%s from %s by %s %s after %s", tc.action, tc.from, tc.by.Role, tc.by.ID, tc.after)
		t.Run(name, func(t *testing.T) {
			in := comment(tc.from)
			now := posted.Add(tc.after)
			got, err := Transition(in, tc.action, tc.by, now)
			if in.State != tc.from || len(in.History) != 0 {
				t.Errorf("Transition modified its argument: %+v", in)
			}
			if tc.wantErr != nil {
				if !isOnly(err, tc.wantErr) {
					t.Errorf("Transition(%s, %s, %+v, +%s) error = %v, want %v and no other reason", tc.from, tc.action, tc.by, tc.after, err, tc.wantErr)
				}
				return
			}
			want := Entry{Action: tc.action, By: tc.by.ID, From: tc.from, To: tc.want, At: now}
			if err != nil || got.State != tc.want || got.ID != in.ID || got.Author != in.Author || !got.PostedAt.Equal(posted) ||
				!slices.Equal(got.History, []Entry{want}) {
				t.Errorf("Transition(%s, %s, %+v, +%s) = %+v, %v; want state %s, same ID, author and time, history [%+v]",
					tc.from, tc.action, tc.by, tc.after, got, err, tc.want, want)
			}
		})
	}
}

// TestTerminalStates: nothing leaves rejected, spam or deleted, whoever asks.
func TestTerminalStates(t *testing.T) {
	for _, s := range []State{Rejected, Spam, Deleted} {
		for _, action := range Actions {
			for _, by := range []Actor{ana, anaMod, mo} {
				_, err := Transition(comment(s), action, by, posted.Add(time.Minute))
				if !isOnly(err, ErrInvalidTransition) {
					t.Errorf("Transition(%s, %s, %+v) error = %v, want %v", s, action, by, err, ErrInvalidTransition)
				}
			}
		}
	}
}

// TestHistory follows one comment through its life: each step appends one
// entry and keeps the earlier ones.
func TestHistory(t *testing.T) {
	other := Actor{ID: "zoe", Role: Moderator}
	steps := []struct {
		action Action
		by     Actor
		after  time.Duration
		want   State
	}{
		{Edit, ana, 2 * time.Minute, Pending},
		{Edit, anaMod, 14 * time.Minute, Pending},
		{Approve, mo, 20 * time.Minute, Approved},
		{Hide, other, time.Hour, Hidden},
		{Restore, mo, 2 * time.Hour, Approved},
		{Delete, ana, 3 * time.Hour, Deleted},
	}
	c := comment(Pending)
	var want []Entry
	for _, s := range steps {
		prev := c.State
		var err error
		if c, err = Transition(c, s.action, s.by, posted.Add(s.after)); err != nil || c.State != s.want {
			t.Fatalf("%s by %s: %+v, %v; want %s", s.action, s.by.ID, c, err, s.want)
		}
		want = append(want, Entry{Action: s.action, By: s.by.ID, From: prev, To: s.want, At: posted.Add(s.after)})
		if !slices.Equal(c.History, want) {
			t.Fatalf("after %s by %s, History = %+v, want %+v", s.action, s.by.ID, c.History, want)
		}
	}
}

// TestHistoryIsNotShared: two transitions from the same comment, whose
// History has spare capacity, must not write into each other's entries or
// into the caller's array.
func TestHistoryIsNotShared(t *testing.T) {
	first := Entry{Action: Edit, By: "ana", From: Pending, To: Pending, At: posted.Add(time.Minute)}
	c := comment(Pending)
	c.History = make([]Entry, 1, 8)
	c.History[0] = first

	approved, err1 := Transition(c, Approve, mo, posted.Add(time.Hour))
	spammed, err2 := Transition(c, MarkSpam, mo, posted.Add(2*time.Hour))
	if err1 != nil || err2 != nil {
		t.Fatalf("Transition = %v, %v; want nil, nil", err1, err2)
	}
	if len(approved.History) != 2 || approved.History[0] != first || approved.History[1].Action != Approve {
		t.Errorf("approved.History = %+v after a second transition from the same comment, want [edit approve]", approved.History)
	}
	if len(spammed.History) != 2 || spammed.History[0] != first || spammed.History[1].Action != MarkSpam {
		t.Errorf("spammed.History = %+v, want [edit spam]", spammed.History)
	}
	if len(c.History) != 1 || c.History[0] != first || c.History[:2][1] != (Entry{}) {
		t.Errorf("the caller's History array was written to: %+v", c.History[:2])
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		state State
		by    Actor
		after time.Duration
		want  string
	}{
		{Pending, ana, 5 * time.Minute, "[edit delete]"},
		{Pending, ana, time.Hour, "[delete]"},
		{Pending, anaMod, 5 * time.Minute, "[edit delete]"},
		{Pending, mo, 5 * time.Minute, "[approve reject spam]"},
		{Pending, ben, 5 * time.Minute, "[]"},
		{Pending, anonMod, 5 * time.Minute, "[]"},
		{Pending, nobody, 5 * time.Minute, "[]"},
		{Approved, mo, 5 * time.Minute, "[spam hide]"},
		{Approved, ana, 5 * time.Minute, "[delete]"},
		{Approved, anaMod, 5 * time.Minute, "[delete]"},
		{Hidden, mo, 5 * time.Minute, "[spam restore]"},
		{Hidden, ana, 5 * time.Minute, "[delete]"},
		{Spam, mo, 5 * time.Minute, "[]"},
		{Rejected, ana, 5 * time.Minute, "[]"},
		{Deleted, ana, 5 * time.Minute, "[]"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s by %s %s after %s", tc.state, tc.by.Role, tc.by.ID, tc.after), func(t *testing.T) {
			got := Allowed(comment(tc.state), tc.by, posted.Add(tc.after))
			if got == nil || fmt.Sprint(got) != tc.want {
				t.Errorf("Allowed(%s, %s %s, +%s) = %#v, want %s (non-nil)", tc.state, tc.by.Role, tc.by.ID, tc.after, got, tc.want)
			}
		})
	}
}
