//go:build !solution

package circuitbreaker

import "errors"

// Breaker is a circuit breaker; see README.md.
type Breaker struct{}

// New returns a closed Breaker. not implemented: edit exercises/4-circuit-breaker/breaker.go
func New(s Settings) *Breaker { return &Breaker{} }

// Do calls op if the breaker lets it through and records the result; it
// returns ErrOpen without calling op otherwise.
func (b *Breaker) Do(op func() error) error {
	return errors.New("not implemented: edit exercises/4-circuit-breaker/breaker.go")
}

// State returns the breaker's state now.
func (b *Breaker) State() State { return State(-1) }
