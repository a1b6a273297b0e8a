// Package fakerepository is exercise 2 of chapter 26: an in-memory fake of a
// product catalogue's Repository that passes the contract suite in
// fake_test.go.
package fakerepository

import (
	"context"
	"errors"
)

// Product is one catalogue entry; SKU is its key.
type Product struct {
	SKU        string
	Name       string
	PriceCents int64
	Tags       []string
	Attributes map[string]string
}

// Repository is the storage port the fake must honour (see fake_test.go
// for the contract).
type Repository interface {
	Create(ctx context.Context, p Product) error
	Get(ctx context.Context, sku string) (Product, error)
	Update(ctx context.Context, p Product) error
	Delete(ctx context.Context, sku string) error
	List(ctx context.Context) ([]Product, error)
}

var (
	// ErrNotFound is returned for a SKU that is not stored.
	ErrNotFound = errors.New("product not found")
	// ErrConflict is returned by Create for a SKU that is already stored.
	ErrConflict = errors.New("product already exists")
	// ErrInvalid is wrapped by the error for a product with an empty SKU.
	ErrInvalid = errors.New("invalid product")
)

// ErrNotImplemented is what the stub returns.
var ErrNotImplemented = errors.New("not implemented: edit exercises/2-fake-repository/fake.go")

var _ Repository = (*Fake)(nil)
