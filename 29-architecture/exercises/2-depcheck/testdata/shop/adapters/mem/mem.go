// Package mem is an adapter that reaches up into the service: a violation.
package mem

import (
	"shop/domain"
	"shop/service"
)

var _ = domain.ErrNotFound
var _ = service.Find
