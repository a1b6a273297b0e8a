//go:build solution

package fakerepository

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Fake is an in-memory Repository, safe for concurrent use. It stores and
// returns deep copies, so no caller can reach what it holds.
type Fake struct {
	mu    sync.RWMutex
	items map[string]Product
}

// NewFake returns an empty Fake.
func NewFake() *Fake { return &Fake{items: map[string]Product{}} }

// clone copies p with its own Tags and Attributes.
func clone(p Product) Product {
	p.Tags = slices.Clone(p.Tags)
	p.Attributes = maps.Clone(p.Attributes)
	return p
}

// Create stores p; its SKU must be new and non-empty.
func (f *Fake) Create(ctx context.Context, p Product) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.SKU == "" {
		return fmt.Errorf("%w: empty SKU", ErrInvalid)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, dup := f.items[p.SKU]; dup {
		return ErrConflict
	}
	f.items[p.SKU] = clone(p)
	return nil
}

// Get returns the product with the SKU.
func (f *Fake) Get(ctx context.Context, sku string) (Product, error) {
	if err := ctx.Err(); err != nil {
		return Product{}, err
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	p, ok := f.items[sku]
	if !ok {
		return Product{}, ErrNotFound
	}
	return clone(p), nil
}

// Update replaces the stored product with p's SKU.
func (f *Fake) Update(ctx context.Context, p Product) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.items[p.SKU]; !ok {
		return ErrNotFound
	}
	f.items[p.SKU] = clone(p)
	return nil
}

// Delete removes the product with the SKU.
func (f *Fake) Delete(ctx context.Context, sku string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.items[sku]; !ok {
		return ErrNotFound
	}
	delete(f.items, sku)
	return nil
}

// List returns every product, ordered by Name, then SKU.
func (f *Fake) List(ctx context.Context) ([]Product, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.RLock()
	out := make([]Product, 0, len(f.items))
	for _, p := range f.items {
		out = append(out, clone(p))
	}
	f.mu.RUnlock()
	slices.SortFunc(out, func(a, b Product) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.SKU, b.SKU))
	})
	return out, nil
}
