//go:build solution

package aggregateerrors

import (
	"errors"
	"strings"
)

// multiError is a flat list of at least one leaf.
type multiError struct {
	errs []error
}

func (m *multiError) Error() string {
	msgs := make([]string, len(m.errs))
	for i, e := range m.errs {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap exposes the leaves to errors.Is and errors.As.
func (m *multiError) Unwrap() []error { return m.errs }

// Join returns one error holding every leaf of errs, in order, or nil when
// there is none. See README.md.
func Join(errs ...error) error {
	var leaves []error
	for _, err := range errs {
		leaves = append(leaves, Flatten(err)...)
	}
	if len(leaves) == 0 {
		return nil // an untyped nil: a nil *multiError in an error is not nil
	}
	return &multiError{errs: leaves}
}

// Flatten returns the leaves of err: every error reached through
// Unwrap() []error, depth first, nils skipped.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range multi.Unwrap() {
		out = append(out, Flatten(e)...)
	}
	return out
}

// CountByKind counts the leaves of err by the kind their chain declares.
func CountByKind(err error) map[Kind]int {
	counts := map[Kind]int{}
	for _, leaf := range Flatten(err) {
		kind := Other
		var k Kinded // errors.As takes a pointer to an interface too
		if errors.As(leaf, &k) {
			kind = k.Kind()
		}
		counts[kind]++
	}
	return counts
}

// ValidateBatch checks every item and returns all their failures, each
// leaf as an *ItemError, in item order.
func ValidateBatch(items []Article, check func(Article) error) error {
	var errs []error
	for i, item := range items {
		for _, leaf := range Flatten(check(item)) {
			errs = append(errs, &ItemError{Index: i, Err: leaf})
		}
	}
	return Join(errs...)
}
