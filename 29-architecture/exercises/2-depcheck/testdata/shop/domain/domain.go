// Package domain is the centre: it imports nothing of the shop.
package domain

import "errors"

// ErrNotFound is a domain error.
var ErrNotFound = errors.New("not found")
