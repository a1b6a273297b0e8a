package service

import (
	"context"
	"testing"
	"time"

	"workbook/capstone/conduit"
)

// TestGateBoundsConcurrentHashing: with every slot taken, a caller waits at
// most MaxWait (or until its context ends) and then gets EUNAVAILABLE; a
// released slot is taken by the next caller.
func TestGateBoundsConcurrentHashing(t *testing.T) {
	g := NewGate(2, 20*time.Millisecond)
	ctx := context.Background()
	r1, err1 := g.enter(ctx)
	r2, err2 := g.enter(ctx)
	if err1 != nil || err2 != nil {
		t.Fatalf("the first two enters = %v, %v; want two slots", err1, err2)
	}
	if _, err := g.enter(ctx); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("a third enter with both slots taken = %v, want EUNAVAILABLE after MaxWait", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	slow := NewGate(1, time.Hour)
	rs, _ := slow.enter(ctx)
	if _, err := slow.enter(cancelled); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("enter with a cancelled context and no slot = %v, want EUNAVAILABLE at once, not after an hour", err)
	}
	rs()

	// A slot freed while a caller waits goes to that caller.
	got := make(chan error, 1)
	waiter := NewGate(1, time.Hour)
	rw, _ := waiter.enter(ctx)
	go func() {
		release, err := waiter.enter(ctx)
		if err == nil {
			release()
		}
		got <- err
	}()
	rw()
	if err := <-got; err != nil {
		t.Errorf("a waiter after a release = %v, want the slot", err)
	}

	r1()
	r2()
	if r, err := g.enter(ctx); err != nil {
		t.Errorf("enter after both releases = %v, want a slot", err)
	} else {
		r()
	}
	var none *Gate
	if r, err := none.enter(ctx); err != nil {
		t.Errorf("a nil Gate's enter = %v, want no limit", err)
	} else {
		r()
	}
}

// TestHashAndMatchesGoThroughTheGate: a full gate refuses both operations.
func TestHashAndMatchesGoThroughTheGate(t *testing.T) {
	g := NewGate(1, time.Millisecond)
	b := Bcrypt{Cost: 4, Gate: g}
	ctx := context.Background()
	h, err := b.Hash(ctx, "password1")
	if err != nil {
		t.Fatalf("Hash with a free slot = %v", err)
	}
	if ok, err := b.Matches(ctx, h, "password1"); !ok || err != nil {
		t.Fatalf("Matches with a free slot = %v, %v; want true", ok, err)
	}
	release, _ := g.enter(ctx)
	defer release()
	if _, err := b.Hash(ctx, "password1"); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("Hash with the gate full = %v, want EUNAVAILABLE", err)
	}
	if _, err := b.Matches(ctx, h, "password1"); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("Matches with the gate full = %v, want EUNAVAILABLE", err)
	}
}

func TestOutdated(t *testing.T) {
	ctx := context.Background()
	old, err := Bcrypt{Cost: 4}.Hash(ctx, "password1")
	if err != nil {
		t.Fatal(err)
	}
	if !(Bcrypt{Cost: 5}).Outdated(old) {
		t.Error("a cost-4 hash under cost 5 is not outdated; want outdated")
	}
	if (Bcrypt{Cost: 4}).Outdated(old) {
		t.Error("a cost-4 hash under cost 4 is outdated; want current")
	}
	if (Bcrypt{Cost: 4}).Outdated("not a bcrypt hash") {
		t.Error("a malformed hash is outdated; want false (Matches reports it)")
	}
}
