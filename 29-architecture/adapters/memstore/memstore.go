// Package memstore is the Store port over memory: the data layer of this
// chapter. A PostgreSQL adapter (chapter 12, the capstone's postgres
// package) would implement the same four methods.
package memstore

import (
	"context"
	"slices"
	"strings"
	"sync"

	"workbook/29-architecture/domain"
)

// Store is safe for concurrent use.
type Store struct {
	mu       sync.Mutex
	products map[string]domain.Product
	orders   map[string]domain.Order
}

// New returns a store holding products.
func New(products ...domain.Product) *Store {
	s := &Store{products: map[string]domain.Product{}, orders: map[string]domain.Order{}}
	for _, p := range products {
		s.products[p.SKU] = p
	}
	return s
}

// Catalogue is the shop's seed data.
func Catalogue() []domain.Product {
	return []domain.Product{
		{SKU: "mug", Name: "Gopher mug", PriceCents: 1200},
		{SKU: "tee", Name: "Gopher T-shirt", PriceCents: 2500},
		{SKU: "sticker", Name: "Sticker pack", PriceCents: 300},
	}
}

// Product implements ports.Store.
func (s *Store) Product(ctx context.Context, sku string) (domain.Product, error) {
	if err := ctx.Err(); err != nil {
		return domain.Product{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.products[sku]
	if !ok {
		return domain.Product{}, domain.ErrNotFound
	}
	return p, nil
}

// SaveOrder implements ports.Store: insert or replace.
func (s *Store) SaveOrder(ctx context.Context, o domain.Order) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orders[o.ID] = o
	return nil
}

// Order implements ports.Store.
func (s *Store) Order(ctx context.Context, id string) (domain.Order, error) {
	if err := ctx.Err(); err != nil {
		return domain.Order{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return domain.Order{}, domain.ErrNotFound
	}
	return o, nil
}

// OrdersWithStatus implements ports.Store, ordered by ID.
func (s *Store) OrdersWithStatus(ctx context.Context, status string) ([]domain.Order, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Order
	for _, o := range s.orders {
		if o.Status == status {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b domain.Order) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
