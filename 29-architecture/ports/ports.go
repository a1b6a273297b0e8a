// Package ports is the hexagon's edge: the interfaces the business layer
// needs from the outside world. The service depends on these; adapters
// (adapters/...) implement them; only main knows both and wires them.
//
// Every method takes a context: the caller's deadline is how a slow
// component is cut short.
package ports

import (
	"context"

	"workbook/29-architecture/domain"
)

// Store is the system of record. An outage is domain.ErrUnavailable.
type Store interface {
	Product(ctx context.Context, sku string) (domain.Product, error)
	SaveOrder(ctx context.Context, o domain.Order) error
	Order(ctx context.Context, id string) (domain.Order, error)
	OrdersWithStatus(ctx context.Context, status string) ([]domain.Order, error)
}

// Cache holds copies of products. It may lose anything at any time; an
// error means "down", never "absent".
type Cache interface {
	Product(ctx context.Context, sku string) (p domain.Product, found bool, err error)
	SetProduct(ctx context.Context, p domain.Product) error
}

// Queue hands jobs to a worker, later and elsewhere.
type Queue interface {
	Publish(ctx context.Context, job domain.Job) error
}

// Payments is the external payment provider.
type Payments interface {
	Authorize(ctx context.Context, orderID string, amountCents int64) (authID string, err error)
}
