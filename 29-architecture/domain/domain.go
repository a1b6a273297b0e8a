// Package domain is the centre of the hexagon: the shop's entities and the
// errors every layer shares. It imports nothing of this module, no transport
// and no database: it would read the same in a CLI or a batch job.
package domain

import (
	"errors"
	"strings"
)

// Product is something the shop sells.
type Product struct {
	SKU        string
	Name       string
	PriceCents int64
}

// Order statuses: an order is persisted pending, and only the worker
// moves it to fulfilled.
const (
	StatusPending   = "pending"
	StatusFulfilled = "fulfilled"
)

// Payment states: authorized by the payment service, or deferred when the
// payment service did not answer in time (the worker retries).
const (
	PaymentAuthorized = "authorized"
	PaymentDeferred   = "deferred"
)

// Order is one purchase.
type Order struct {
	ID         string
	SKU        string
	Qty        int
	TotalCents int64
	Payment    string
	AuthID     string
	Status     string
}

// Job is what the queue carries to the worker: only the order's ID, so the
// worker reads the current state from the store.
type Job struct {
	OrderID string
}

// ErrNotFound says the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// ErrUnavailable says a component needed to answer is down or too slow.
// The presentation layer turns it into 503 with Retry-After.
var ErrUnavailable = errors.New("unavailable")

// FieldError is one invalid input field.
type FieldError struct {
	Field   string // e.g. "qty"
	Problem string // e.g. "must be between 1 and 100"
}

// InvalidError is a business-rule rejection of the input, every field at once.
type InvalidError struct {
	Fields []FieldError
}

func (e *InvalidError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Problem
	}
	return "invalid: " + strings.Join(parts, "; ")
}
