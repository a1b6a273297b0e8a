// Package ports is clean: its imports are all allowed.
package ports

import (
	"context"

	"shop/domain"
	"shop/format"
)

// Store is a port.
type Store interface {
	Find(ctx context.Context, id string) (string, error)
}

var _ = domain.ErrNotFound
var _ = format.Status
