// Package unsubscribelink makes RFC 8058 one-click unsubscribe headers
// whose URL carries a signed, expiring token.
package unsubscribelink

import "errors"

// ErrInvalid is returned for a malformed, forged or expired token.
var ErrInvalid = errors.New("unsubscribelink: invalid token")
