// Package ssrfclient is exercise 4 of chapter 21: an outbound HTTP client
// for URLs that users supply, which never connects to an internal address —
// not by IP, not by a name that resolves to one, not after a redirect and
// not after the DNS answer changes.
package ssrfclient

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"time"
)

// The client's timeouts: a fetch of a user's URL must never hang a handler.
const (
	DialTimeout    = 5 * time.Second  // the default Dial's connect timeout
	HeaderTimeout  = 10 * time.Second // TLS handshake, and waiting for the response headers
	RequestTimeout = 30 * time.Second // the whole request, redirects and body included
)

// Resolver looks up a host's addresses. *net.Resolver has this method;
// tests pass a fake one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Dialer connects only to allowed addresses.
type Dialer struct {
	// Resolver resolves host names; nil means net.DefaultResolver.
	Resolver Resolver
	// Dial opens the connection to an "ip:port" (never a name); nil
	// means a net.Dialer with DialTimeout.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
}

// ErrBlocked is matched (errors.Is) by every *BlockedError.
var ErrBlocked = errors.New("ssrfclient: destination blocked")

// BlockedError is DialContext's refusal: which host, which of its
// addresses, and why (a Blocked reason).
type BlockedError struct {
	Host   string
	Addr   netip.Addr
	Reason string
}

func (e *BlockedError) Error() string {
	return "ssrfclient: " + e.Host + " resolves to " + e.Addr.String() + " (" + e.Reason + ")"
}

// Is makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }
