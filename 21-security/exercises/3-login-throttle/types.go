// Package loginthrottle is exercise 3 of chapter 21: lockout of failed
// logins, per account and per IP, with exponential backoff, an injected
// clock, bounded memory and no user enumeration.
package loginthrottle

import (
	"errors"
	"time"
)

// Clock returns the current time; tests pass a fake one.
type Clock func() time.Time

// Policy says when keys lock and for how long.
type Policy struct {
	AccountThreshold int           // failures of one account before it locks (≥ 1)
	IPThreshold      int           // failures from one IP (or IPv6 /64) before it locks (≥ 1)
	Base             time.Duration // the first lock (> 0)
	Max              time.Duration // the cap of the doubling (≥ Base)
	Window           time.Duration // a failure this long after the previous one starts the count again (> 0)
	MaxKeys          int           // at most this many keys (accounts + IPs) are tracked (≥ 2)
}

// ErrPolicy is what New returns for an unusable Policy.
var ErrPolicy = errors.New("loginthrottle: bad policy")

// Verify checks a password: nil when it matches, ErrUnknownAccount or
// ErrWrongPassword when not, any other error when it cannot tell.
type Verify func(account, password string) error

// The errors a Verify returns.
var (
	ErrUnknownAccount = errors.New("unknown account")
	ErrWrongPassword  = errors.New("wrong password")
)

// Result is what Login tells the client. Message is one of the Msg
// constants; RetryAfter is set only when locked.
type Result struct {
	OK         bool
	Message    string
	RetryAfter time.Duration
}

// The only messages a client ever sees.
const (
	MsgOK          = "welcome"
	MsgInvalid     = "invalid account or password"
	MsgLocked      = "too many failed attempts; try again later"
	MsgUnavailable = "login is unavailable; try again later"
)
