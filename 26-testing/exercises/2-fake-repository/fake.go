//go:build !solution

package fakerepository

import "context"

// Fake is an in-memory Repository. Add the fields you need.
// not implemented: edit exercises/2-fake-repository/fake.go
type Fake struct{}

// NewFake returns an empty Fake.
func NewFake() *Fake { return &Fake{} }

// Create stores p; its SKU must be new and non-empty.
func (f *Fake) Create(ctx context.Context, p Product) error { return ErrNotImplemented }

// Get returns the product with the SKU.
func (f *Fake) Get(ctx context.Context, sku string) (Product, error) {
	return Product{}, ErrNotImplemented
}

// Update replaces the stored product with p's SKU.
func (f *Fake) Update(ctx context.Context, p Product) error { return ErrNotImplemented }

// Delete removes the product with the SKU.
func (f *Fake) Delete(ctx context.Context, sku string) error { return ErrNotImplemented }

// List returns every product, ordered by Name, then SKU.
func (f *Fake) List(ctx context.Context) ([]Product, error) { return nil, ErrNotImplemented }
