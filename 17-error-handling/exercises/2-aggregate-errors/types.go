// Package aggregateerrors is exercise 2 of chapter 17: collect every
// failure of a batch into one error that still answers errors.Is and
// errors.As, flattened, in a stable order, and counted by kind.
package aggregateerrors

import "fmt"

// Kind is what kind of failure an error is, for counting.
type Kind string

const (
	Invalid     Kind = "invalid"     // the input is wrong
	Conflict    Kind = "conflict"    // it clashes with what exists
	Unavailable Kind = "unavailable" // something we depend on failed
	Other       Kind = "other"       // nothing in the chain says
)

// Kinded is implemented by errors that know their kind.
type Kinded interface {
	Kind() Kind
}

// FieldError is one invalid field of an item.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }
func (e *FieldError) Kind() Kind    { return Invalid }

// kindedSentinel is a sentinel error with a kind.
type kindedSentinel struct {
	kind Kind
	msg  string
}

func (e *kindedSentinel) Error() string { return e.msg }
func (e *kindedSentinel) Kind() Kind    { return e.kind }

// Sentinels a batch item can fail with.
var (
	ErrDuplicate   error = &kindedSentinel{Conflict, "duplicate slug"}
	ErrStoreFailed error = &kindedSentinel{Unavailable, "store unavailable"}
)

// ItemError is the failure of the item at Index of a batch.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item %d: %v", e.Index, e.Err) }
func (e *ItemError) Unwrap() error { return e.Err }

// Article is one item of an import batch.
type Article struct {
	Slug  string
	Title string
}
