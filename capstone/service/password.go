package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"workbook/capstone/conduit"
)

// DefaultBcryptCost is the work factor for new password hashes: 2^12 rounds,
// about 250 ms on one core of a 2020s laptop, which makes an offline guess
// expensive while a login stays well under a second. Raise it as hardware
// gets faster; existing hashes keep their own cost.
const DefaultBcryptCost = 12

// Bcrypt hashes passwords with bcrypt at Cost (DefaultBcryptCost when zero).
// Every hash and comparison keeps a core busy for its whole cost, so Gate,
// when set, bounds how many run at once.
type Bcrypt struct {
	Cost int
	Gate *Gate
}

// Hash returns the bcrypt hash of password.
func (b Bcrypt) Hash(ctx context.Context, password string) (string, error) {
	cost := b.Cost
	if cost == 0 {
		cost = DefaultBcryptCost
	}
	release, err := b.Gate.enter(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("service: hash password: %w", err)
	}
	return string(h), nil
}

// Outdated reports whether hash was made at a lower cost than b's: after
// the cost is raised, old hashes are cheaper to attack, and a login with an
// unknown email (which compares against a dummy hash at the current cost)
// takes longer than one with an old account, which tells the two apart.
func (b Bcrypt) Outdated(hash string) bool {
	cost := b.Cost
	if cost == 0 {
		cost = DefaultBcryptCost
	}
	got, err := bcrypt.Cost([]byte(hash))
	return err == nil && got < cost
}

// Matches reports whether password is the one hashed in hash.
func (b Bcrypt) Matches(ctx context.Context, hash, password string) (bool, error) {
	release, err := b.Gate.enter(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	err = bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	default:
		return false, fmt.Errorf("service: compare password: %w", err)
	}
}

// Gate admits at most a fixed number of CPU-heavy calls at once. A caller
// waits for a slot at most MaxWait, and never past its context's end; then
// it gets EUNAVAILABLE (the API's 503 with Retry-After). So a burst of
// password work queues briefly and then sheds load, instead of taking every
// core from the requests that need none.
type Gate struct {
	slots   chan struct{}
	maxWait time.Duration
}

// NewGate returns a Gate of n slots (at least one) and the longest wait for one.
func NewGate(n int, maxWait time.Duration) *Gate {
	return &Gate{slots: make(chan struct{}, max(n, 1)), maxWait: maxWait}
}

// enter takes a slot, or fails once waiting would exceed maxWait or ctx. A
// nil Gate admits everything.
func (g *Gate) enter(ctx context.Context) (release func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g.slots <- struct{}{}: // a free slot: no timer needed
		return g.leave, nil
	default:
	}
	wait := time.NewTimer(g.maxWait)
	defer wait.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	case <-wait.C:
	case <-ctx.Done():
	}
	return nil, conduit.Errorf(conduit.EUNAVAILABLE, "the server is busy hashing passwords; retry in a moment")
}

func (g *Gate) leave() { <-g.slots }
