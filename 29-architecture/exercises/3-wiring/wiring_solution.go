//go:build solution

package wiring

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// System is a set of built components and the order they start in.
type System struct {
	order   []string
	comps   map[string]Component
	started int // how many of order are running
}

// Build checks specs, orders them so that every component comes after the
// components it needs (among those ready, the one listed first in specs
// comes first), and calls each constructor in that order with exactly the
// components its spec needs.
func Build(specs []Spec, ctors map[string]Constructor) (*System, error) {
	byName := map[string]Spec{}
	for _, s := range specs {
		if _, dup := byName[s.Name]; dup {
			return nil, fmt.Errorf("%w: %q", ErrDuplicate, s.Name)
		}
		byName[s.Name] = s
		if ctors[s.Name] == nil {
			return nil, fmt.Errorf("%w for %q", ErrNoCtor, s.Name)
		}
	}
	for _, s := range specs {
		for _, n := range s.Needs {
			if _, ok := byName[n]; !ok {
				return nil, fmt.Errorf("%w: %q needs %q", ErrMissing, s.Name, n)
			}
		}
	}

	// Kahn's algorithm, always taking the first ready spec in config order.
	done := map[string]bool{}
	var order []string
	for len(order) < len(specs) {
		i := slices.IndexFunc(specs, func(s Spec) bool {
			return !done[s.Name] && !slices.ContainsFunc(s.Needs, func(n string) bool { return !done[n] })
		})
		if i < 0 {
			var left []string
			for _, s := range specs {
				if !done[s.Name] {
					left = append(left, s.Name)
				}
			}
			return nil, fmt.Errorf("%w among %s", ErrCycle, strings.Join(left, ", "))
		}
		done[specs[i].Name] = true
		order = append(order, specs[i].Name)
	}

	sys := &System{order: order, comps: map[string]Component{}}
	for _, name := range order {
		deps := map[string]Component{}
		for _, n := range byName[name].Needs {
			deps[n] = sys.comps[n]
		}
		c, err := ctors[name](deps)
		if err != nil {
			return nil, fmt.Errorf("building %q: %w", name, err)
		}
		sys.comps[name] = c
	}
	return sys, nil
}

// Order is the start order.
func (s *System) Order() []string { return slices.Clone(s.order) }

// Start starts the components in order. When one fails, it stops those
// already started, in reverse, and returns the failure.
func (s *System) Start(ctx context.Context) error {
	for s.started < len(s.order) {
		name := s.order[s.started]
		if err := s.comps[name].Start(ctx); err != nil {
			return errors.Join(fmt.Errorf("starting %q: %w", name, err), s.Stop(ctx))
		}
		s.started++
	}
	return nil
}

// Stop stops the started components in reverse start order, every one
// even when some fail, and returns their errors joined.
func (s *System) Stop(ctx context.Context) error {
	var errs []error
	for ; s.started > 0; s.started-- {
		name := s.order[s.started-1]
		if err := s.comps[name].Stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stopping %q: %w", name, err))
		}
	}
	return errors.Join(errs...)
}
