// Package service breaks the rule twice, in two files.
package service

import (
	"context"

	h "net/http"
	"shop/domain"
)

// Find is a use case.
func Find(ctx context.Context) error { _ = h.MethodGet; return domain.ErrNotFound }
