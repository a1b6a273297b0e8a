// Package wiring is exercise 3 of chapter 29: build a system's components
// from a config in dependency order, start them in that order and stop
// them in reverse.
package wiring

import (
	"context"
	"errors"
)

// Spec is one component as the config names it: its name and the names
// of the components it needs.
type Spec struct {
	Name  string
	Needs []string
}

// Component is a built part of the system.
type Component interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// Constructor builds a component from the components it needs, keyed by name.
type Constructor func(deps map[string]Component) (Component, error)

// Errors Build wraps (test them with errors.Is).
var (
	ErrMissing   = errors.New("missing dependency")  // a Needs names no spec
	ErrCycle     = errors.New("dependency cycle")    // specs need each other round
	ErrDuplicate = errors.New("duplicate component") // two specs share a name
	ErrNoCtor    = errors.New("no constructor")      // a spec has no constructor
)
