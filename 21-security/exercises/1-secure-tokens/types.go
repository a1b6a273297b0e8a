// Package securetokens is exercise 1 of chapter 21: random session tokens
// that are unguessable, compared in constant time, and stored only as
// hashes, so that a leaked session table is no key to anyone's account.
package securetokens

import "time"

// TokenBytes is how many random bytes a token carries: 256 bits.
const TokenBytes = 32

// Clock returns the current time; tests pass a fake one.
type Clock func() time.Time
