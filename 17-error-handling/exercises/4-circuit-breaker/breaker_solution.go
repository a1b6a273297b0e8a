//go:build solution

package circuitbreaker

import (
	"sync"
	"time"
)

// Breaker is a circuit breaker; see README.md.
type Breaker struct {
	s Settings

	mu         sync.Mutex
	state      State
	generation uint64    // bumped on every transition: results of older calls are ignored
	failures   int       // consecutive failures, in Closed
	successes  int       // consecutive probe successes, in HalfOpen
	inFlight   int       // probes running, in HalfOpen
	openedAt   time.Time // when it last opened
}

// transition is a state change to report once the lock is released.
type transition struct{ from, to State }

// New returns a closed Breaker.
func New(s Settings) *Breaker {
	s.FailureThreshold = max(s.FailureThreshold, 1)
	s.HalfOpenProbes = max(s.HalfOpenProbes, 1)
	if s.Now == nil {
		s.Now = time.Now
	}
	return &Breaker{s: s}
}

// Do calls op if the breaker lets it through and records the result; it
// returns ErrOpen without calling op otherwise.
func (b *Breaker) Do(op func() error) error {
	gen, err := b.before()
	if err != nil {
		return err
	}
	ok := false
	// Deferred, so that an op that panics counts as a failure (and frees its
	// probe slot) while the panic goes on.
	defer func() { b.after(gen, ok) }()
	err = op()
	ok = err == nil
	return err
}

// State returns the breaker's state now.
func (b *Breaker) State() State {
	b.mu.Lock()
	changes := b.advance(nil)
	st := b.state
	b.mu.Unlock()
	b.notify(changes)
	return st
}

// before admits a call, or refuses it with ErrOpen.
func (b *Breaker) before() (uint64, error) {
	b.mu.Lock()
	changes := b.advance(nil)
	var err error
	switch b.state {
	case Open:
		err = ErrOpen
	case HalfOpen:
		if b.inFlight >= b.s.HalfOpenProbes {
			err = ErrOpen
		} else {
			b.inFlight++
		}
	}
	gen := b.generation
	b.mu.Unlock()
	b.notify(changes)
	return gen, err
}

// after records the result of a call admitted in generation gen.
func (b *Breaker) after(gen uint64, ok bool) {
	b.mu.Lock()
	var changes []transition
	if gen == b.generation { // else the state moved on while op ran: its result says nothing now
		switch b.state {
		case Closed:
			if ok {
				b.failures = 0
			} else {
				b.failures++
				if b.failures >= b.s.FailureThreshold {
					changes = b.set(Open, changes)
				}
			}
		case HalfOpen:
			b.inFlight--
			if !ok {
				changes = b.set(Open, changes)
			} else {
				b.successes++
				if b.successes >= b.s.HalfOpenProbes {
					changes = b.set(Closed, changes)
				}
			}
		}
	}
	b.mu.Unlock()
	b.notify(changes)
}

// advance moves Open to HalfOpen once OpenTimeout has passed. b.mu is held.
func (b *Breaker) advance(changes []transition) []transition {
	if b.state == Open && !b.s.Now().Before(b.openedAt.Add(b.s.OpenTimeout)) {
		changes = b.set(HalfOpen, changes)
	}
	return changes
}

// set moves to state to with fresh counts and a new generation. b.mu is held.
func (b *Breaker) set(to State, changes []transition) []transition {
	changes = append(changes, transition{b.state, to})
	b.state = to
	b.generation++
	b.failures, b.successes, b.inFlight = 0, 0, 0
	if to == Open {
		b.openedAt = b.s.Now()
	}
	return changes
}

// notify reports transitions; b.mu must not be held.
func (b *Breaker) notify(changes []transition) {
	if b.s.OnStateChange == nil {
		return
	}
	for _, c := range changes {
		b.s.OnStateChange(c.from, c.to)
	}
}
