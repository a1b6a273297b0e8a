//go:build solution

package ssrfclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
)

var (
	metadataV4 = netip.MustParseAddr("169.254.169.254")
	metadataV6 = netip.MustParseAddr("fd00:ec2::254")
	thisNet    = netip.MustParsePrefix("0.0.0.0/8")
	cgnat      = netip.MustParsePrefix("100.64.0.0/10")
	reserved   = netip.MustParsePrefix("240.0.0.0/4")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
)

// Blocked returns why addr must not be dialled, or "" for a public address.
// The order matters only for the reason: the cloud metadata addresses are
// also link-local and unique-local, and say "metadata" to be found in logs.
func Blocked(addr netip.Addr) string {
	if !addr.IsValid() {
		return "invalid"
	}
	a := addr.Unmap().WithZone("")
	switch {
	case a == metadataV4 || a == metadataV6:
		return "metadata"
	case a.IsUnspecified() || thisNet.Contains(a):
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate() && a.Is4():
		return "private"
	case a.IsPrivate():
		return "unique-local"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case cgnat.Contains(a):
		return "cgnat"
	case a.IsMulticast():
		return "multicast"
	case reserved.Contains(a):
		return "reserved"
	case nat64.Contains(a):
		return "nat64"
	}
	return ""
}

// DialContext resolves address's host, refuses it with a *BlockedError
// if any of its addresses is blocked, and otherwise dials the checked IPs.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portText, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("ssrfclient: bad port in %q", address)
	}
	addrs, err := d.resolve(ctx, network, host)
	if err != nil {
		return nil, err
	}
	// Every address must pass: a name that mixes public and internal
	// answers is an attack, and the dial below may try any of them.
	for _, a := range addrs {
		if reason := Blocked(a); reason != "" {
			return nil, &BlockedError{Host: host, Addr: a, Reason: reason}
		}
	}
	dial := d.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: DialTimeout}).DialContext
	}
	var errs []error
	for _, a := range addrs {
		// The checked IP, not the name: no second lookup for DNS to rebind.
		conn, err := dial(ctx, network, netip.AddrPortFrom(a, uint16(port)).String())
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// resolve returns host's addresses: an IP literal as itself, a name through
// the resolver (which is also what reads "2130706433" or "0177.0.0.1" as
// the address a system resolver would make of them).
func (d *Dialer) resolve(ctx context.Context, network, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	r := d.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ipNet := "ip"
	switch network {
	case "tcp4":
		ipNet = "ip4"
	case "tcp6":
		ipNet = "ip6"
	}
	addrs, err := r.LookupNetIP(ctx, ipNet, host)
	if err != nil {
		return nil, err
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("ssrfclient: %s has no addresses", host)
	}
	return addrs, nil
}

// NewClient returns an http.Client whose every connection goes through d,
// that ignores proxy settings, has the timeouts above, and follows at most
// maxRedirects redirects.
func NewClient(d *Dialer, maxRedirects int) *http.Client {
	return &http.Client{
		Timeout: RequestTimeout,
		Transport: &http.Transport{
			Proxy:                 nil, // a proxy would dial for us, unchecked
			DialContext:           d.DialContext,
			TLSHandshakeTimeout:   HeaderTimeout,
			ResponseHeaderTimeout: HeaderTimeout,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			// Only the limit: the Transport speaks http and https alone,
			// and each hop's address is checked when it is dialled.
			if len(via) > maxRedirects {
				return fmt.Errorf("ssrfclient: more than %d redirects", maxRedirects)
			}
			return nil
		},
	}
}
