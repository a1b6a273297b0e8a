package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"workbook/serve/problem"
)

// extraBlocked are non-public ranges that netip's predicates do not name.
var extraBlocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network": Linux connects 0.0.0.0 to the local host
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT (RFC 6598): often a cloud's internal network
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments (RFC 6890)
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking (RFC 2544)
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and 255.255.255.255
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64: an IPv6 name for any IPv4 address, internal ones too
}

// internalAddr reports whether ip must not be reached from a URL a user
// gave us. 169.254.169.254 (cloud metadata) is link-local; fd00:ec2::254
// (AWS's IPv6 metadata) is in fc00::/7, which IsPrivate covers.
func internalAddr(ip netip.Addr) bool {
	ip = ip.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if !ip.IsValid() || ip.IsUnspecified() || ip.IsLoopback() || ip.IsPrivate() ||
		ip.IsLinkLocalUnicast() || ip.IsMulticast() {
		return true
	}
	for _, p := range extraBlocked {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// errInternalAddr is the dialer's refusal; handlers test for it with errors.As.
type errInternalAddr struct{ addr netip.Addr }

func (e *errInternalAddr) Error() string {
	return "refusing to connect to internal address " + e.addr.String()
}

// newSafeClient is an HTTP client for user-supplied URLs. The check runs in
// net.Dialer.Control, which sees the IP the socket is about to connect to:
// after DNS, for every connection (so for every redirect hop), and for the
// very address dialled, so a DNS answer that changes between "check" and
// "connect" (rebinding) cannot slip through. allow lists prefixes an
// operator trusts despite being internal (nil in production here).
func newSafeClient(au *audit, allow []netip.Prefix) *http.Client {
	dialer := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			for _, p := range allow {
				if p.Contains(ap.Addr().Unmap()) {
					return nil
				}
			}
			if internalAddr(ap.Addr()) {
				return &errInternalAddr{ap.Addr()}
			}
			return nil
		},
	}
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			Proxy:                  nil, // a proxy would make the dial for us, unchecked
			DialContext:            dialer.DialContext,
			TLSHandshakeTimeout:    5 * time.Second,
			ResponseHeaderTimeout:  5 * time.Second,
			MaxResponseHeaderBytes: 64 << 10,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to scheme %q", req.URL.Scheme)
			}
			return nil // the hop's address is checked when it is dialled
		},
	}
}

// handleFetch fetches ?url= with client and returns the status and the
// first 4 KiB of the body: a "link preview" feature, SSRF's classic home.
func (a *app) handleFetch(client *http.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := url.Parse(r.URL.Query().Get("url"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p := problem.New(http.StatusUnprocessableEntity, "the query has invalid fields")
			p.Errors = []problem.FieldError{{Pointer: "/url", Detail: "url must be an absolute http or https URL"}}
			problem.Write(w, r, p)
			return
		}
		req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, u.String(), nil)
		if err != nil {
			problem.Error(w, r, http.StatusUnprocessableEntity, "url cannot be requested")
			return
		}
		resp, err := client.Do(req)
		var blocked *errInternalAddr
		if errors.As(err, &blocked) {
			a.audit.event(r, evSSRFBlocked, slog.String("host", u.Hostname()), slog.String("addr", blocked.addr.String()))
			problem.Error(w, r, http.StatusForbidden, "the URL leads to an internal address, which this server does not fetch")
			return
		}
		if err != nil {
			problem.Error(w, r, http.StatusBadGateway, "could not fetch the URL")
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "upstream status %d\n%s", resp.StatusCode, body)
	}
}
