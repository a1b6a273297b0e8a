package ssrfclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"testing"
)

const file = "exercises/4-ssrf-client/ssrfclient.go"

func TestBlocked(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1": "loopback", "127.255.0.9": "loopback", "::1": "loopback",
		"::ffff:127.0.0.1": "loopback", "::ffff:10.0.0.1": "private",
		"0.0.0.0": "unspecified", "0.1.2.3": "unspecified", "::": "unspecified",
		"10.0.0.1": "private", "172.16.0.1": "private", "172.31.255.255": "private", "192.168.0.1": "private",
		"fc00::1": "unique-local", "fdff::1": "unique-local",
		"169.254.169.254": "metadata", "fd00:ec2::254": "metadata", "::ffff:169.254.169.254": "metadata",
		"169.254.1.1": "link-local", "fe80::1": "link-local", "fe80::1%eth0": "link-local",
		"100.64.0.1": "cgnat", "100.127.255.255": "cgnat",
		"224.0.0.1": "multicast", "239.1.1.1": "multicast", "ff02::1": "multicast",
		"240.0.0.1": "reserved", "255.255.255.255": "reserved",
		"64:ff9b::7f00:1": "nat64", "64:ff9b::808:808": "nat64",
		"8.8.8.8": "", "93.184.215.14": "", "100.63.255.255": "", "100.128.0.1": "",
		"172.15.255.255": "", "172.32.0.1": "", "192.169.0.1": "", "169.253.0.1": "", "1.0.0.1": "",
		"223.255.255.255": "", "2606:4700::1111": "", "::ffff:8.8.8.8": "", "fbff::1": "", "fec0::1": "",
	}
	for s, want := range cases {
		if got := Blocked(netip.MustParseAddr(s)); got != want {
			t.Errorf("Blocked(%s) = %q, want %q (edit %s)", s, got, want, file)
		}
	}
	if got := Blocked(netip.Addr{}); got != "invalid" {
		t.Errorf("Blocked(zero Addr) = %q, want \"invalid\"", got)
	}
}

// fakeDNS answers from a table; "rebind.test" answers a public address
// the first time and loopback after that.
type fakeDNS struct {
	mu    sync.Mutex
	calls map[string]int
	table map[string][]string
}

func (f *fakeDNS) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[host]++
	if host == "rebind.test" && f.calls[host] > 1 {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	list, ok := f.table[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	out := []netip.Addr{}
	for _, s := range list {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

func newDNS() *fakeDNS {
	return &fakeDNS{calls: map[string]int{}, table: map[string][]string{
		"public.test":   {"93.184.215.14"},
		"public6.test":  {"2606:2800:220:1::1"},
		"rebind.test":   {"93.184.215.14"},
		"localhost":     {"127.0.0.1", "::1"},
		"internal.test": {"10.0.0.5"},
		"mixed.test":    {"93.184.215.14", "127.0.0.1"},
		"metadata.test": {"169.254.169.254"},
		"empty.test":    {},
		// What a system resolver makes of the classic spellings of 127.0.0.1:
		"2130706433": {"127.0.0.1"}, "0177.0.0.1": {"127.0.0.1"}, "0x7f.1": {"127.0.0.1"},
	}}
}

// testNet plays the internet: ports 80 and 65535 of 93.184.215.14 and
// port 80 of 2606:2800:220:1::1 are the test's public server, every other
// address is unreachable. It
// records every address it is asked to dial.
type testNet struct {
	mu     sync.Mutex
	public string // the real address of the "public" server
	dialed []string
}

func (n *testNet) dial(ctx context.Context, network, address string) (net.Conn, error) {
	n.mu.Lock()
	n.dialed = append(n.dialed, address)
	n.mu.Unlock()
	switch address {
	case "93.184.215.14:80", "93.184.215.14:65535", "[2606:2800:220:1::1]:80":
		return (&net.Dialer{}).DialContext(ctx, "tcp", n.public)
	}
	return nil, fmt.Errorf("test network: %s unreachable", address)
}

func (n *testNet) addrs() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.dialed...)
}

func setup(t *testing.T, h http.Handler) (*Dialer, *testNet, *fakeDNS) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tn := &testNet{public: srv.Listener.Addr().String()}
	dns := newDNS()
	return &Dialer{Resolver: dns, Dial: tn.dial}, tn, dns
}

func TestDialContext(t *testing.T) {
	d, tn, dns := setup(t, http.NotFoundHandler())
	ctx := context.Background()
	for _, tc := range []struct {
		address, reason string
	}{
		{"127.0.0.1:80", "loopback"},
		{"[::ffff:127.0.0.1]:80", "loopback"},
		{"0.0.0.0:80", "unspecified"},
		{"[::]:80", "unspecified"},
		{"localhost:80", "loopback"},
		{"internal.test:80", "private"},
		{"mixed.test:80", "loopback"},
		{"metadata.test:80", "metadata"},
		{"169.254.169.254:80", "metadata"},
		{"[fd00:ec2::254]:80", "metadata"},
		{"2130706433:80", "loopback"},
		{"0177.0.0.1:80", "loopback"},
		{"0x7f.1:80", "loopback"},
	} {
		conn, err := d.DialContext(ctx, "tcp", tc.address)
		var be *BlockedError
		if !errors.As(err, &be) || be.Reason != tc.reason || !errors.Is(err, ErrBlocked) {
			t.Errorf("DialContext(%s) = %v, %v; want a *BlockedError with reason %q (edit %s)", tc.address, conn, err, tc.reason, file)
		}
		if conn != nil {
			conn.Close()
		}
	}
	if got := tn.addrs(); len(got) != 0 {
		t.Errorf("blocked destinations were dialled anyway: %v", got)
	}

	for _, address := range []string{"public.test:80", "93.184.215.14:80", "public6.test:80", "public.test:65535"} {
		conn, err := d.DialContext(ctx, "tcp", address)
		if err != nil {
			t.Errorf("DialContext(%s) = %v, want a connection", address, err)
			continue
		}
		conn.Close()
	}
	if got, want := tn.addrs(), []string{"93.184.215.14:80", "93.184.215.14:80", "[2606:2800:220:1::1]:80", "93.184.215.14:65535"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("dialled %v, want the checked IPs %v", got, want)
	}
	if n := dns.calls["93.184.215.14"]; n != 0 {
		t.Errorf("an IP literal was sent to the resolver %d times", n)
	}

	// 65616 is 65536+80: read into 16 bits without a range check it is port 80.
	for _, address := range []string{"nowhere.test:80", "empty.test:80", "public.test", "public.test:http", "public.test:65616", "public.test:-1"} {
		conn, err := d.DialContext(ctx, "tcp", address)
		if conn != nil {
			conn.Close()
		}
		if err == nil || errors.Is(err, ErrBlocked) {
			t.Errorf("DialContext(%s) = %v, %v; want an error that is not a block (unresolvable or malformed)", address, conn, err)
		}
	}
	var dnsErr *net.DNSError
	if _, err := d.DialContext(ctx, "tcp", "nowhere.test:80"); !errors.As(err, &dnsErr) {
		t.Errorf("DialContext(nowhere.test:80) = %v, want the resolver's *net.DNSError", err)
	}
}

// TestDialsTheCheckedIP: rebind.test answers a public address, then
// 127.0.0.1. A dialer that checks the first answer and then dials the
// name asks DNS again and connects to loopback.
func TestDialsTheCheckedIP(t *testing.T) {
	d, tn, dns := setup(t, http.NotFoundHandler())
	conn, err := d.DialContext(context.Background(), "tcp", "rebind.test:80")
	if err != nil {
		t.Fatalf("DialContext(rebind.test:80) = %v (edit %s)", err, file)
	}
	conn.Close()
	if got := tn.addrs(); len(got) != 1 || got[0] != "93.184.215.14:80" {
		t.Errorf("dialled %v, want exactly the IP that was checked, 93.184.215.14:80", got)
	}
	if n := dns.calls["rebind.test"]; n != 1 {
		t.Errorf("rebind.test was resolved %d times, want once", n)
	}
}

// TestTriesEachCheckedAddress: when the first address does not answer,
// the next checked one is tried.
func TestTriesEachCheckedAddress(t *testing.T) {
	d, tn, dns := setup(t, http.NotFoundHandler())
	dns.table["two.test"] = []string{"198.51.100.1", "93.184.215.14"}
	conn, err := d.DialContext(context.Background(), "tcp", "two.test:80")
	if err != nil {
		t.Fatalf("DialContext(two.test:80) = %v, want the second address to answer (edit %s)", err, file)
	}
	conn.Close()
	if got := tn.addrs(); fmt.Sprint(got) != "[198.51.100.1:80 93.184.215.14:80]" {
		t.Errorf("dialled %v, want both, in order", got)
	}
	dns.table["dead.test"] = []string{"198.51.100.1", "198.51.100.2"}
	if _, err := d.DialContext(context.Background(), "tcp", "dead.test:80"); err == nil || errors.Is(err, ErrBlocked) {
		t.Errorf("DialContext(dead.test:80) = %v, want the dial errors", err)
	}
}

func TestClient(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public page") })
	for to, loc := range map[string]string{
		"/to-internal": "http://internal.test/admin",
		"/to-loopback": "http://127.0.0.1:6379/",
		"/to-mapped":   "http://[::ffff:127.0.0.1]/",
		"/to-metadata": "http://169.254.169.254/latest/meta-data/",
		"/to-file":     "file:///etc/passwd",
		"/r1":          "/ok", "/r2": "/r1", "/r3": "/r2",
	} {
		mux.Handle(to, http.RedirectHandler(loc, http.StatusFound))
	}
	d, _, _ := setup(t, mux)
	client := NewClient(d, 2)

	get := func(url string) (string, error) {
		resp, err := client.Get(url)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b), nil
	}
	if body, err := get("http://public.test/ok"); err != nil || body != "public page" {
		t.Fatalf("GET http://public.test/ok = %q, %v; want the public page (edit %s)", body, err, file)
	}
	if body, err := get("http://public.test/r2"); err != nil || body != "public page" {
		t.Errorf("two redirects with maxRedirects 2 = %q, %v; want followed", body, err)
	}
	if _, err := get("http://public.test/r3"); err == nil {
		t.Error("three redirects with maxRedirects 2 were followed")
	}
	for _, path := range []string{"/to-internal", "/to-loopback", "/to-mapped", "/to-metadata"} {
		if _, err := get("http://public.test" + path); !errors.Is(err, ErrBlocked) {
			t.Errorf("GET %s (a redirect inside) = %v, want ErrBlocked: every hop is dialled through the check", path, err)
		}
	}
	if _, err := get("http://public.test/to-file"); err == nil || errors.Is(err, ErrBlocked) {
		t.Errorf("a redirect to file:// = %v, want refused by the redirect policy", err)
	}
	if _, err := get("http://localhost/"); !errors.Is(err, ErrBlocked) {
		t.Errorf("GET http://localhost/ = %v, want ErrBlocked", err)
	}

	tr, ok := client.Transport.(*http.Transport)
	if !ok || tr.Proxy != nil || tr.DialContext == nil {
		t.Fatalf("client.Transport = %T; want an *http.Transport with Proxy nil (a proxy would dial for us, unchecked) and DialContext set", client.Transport)
	}
	if client.Timeout != RequestTimeout || tr.TLSHandshakeTimeout != HeaderTimeout || tr.ResponseHeaderTimeout != HeaderTimeout {
		t.Errorf("timeouts: client %s, TLS handshake %s, response header %s; want %s, %s, %s",
			client.Timeout, tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout, RequestTimeout, HeaderTimeout, HeaderTimeout)
	}

	// A redirect's Location that is a name for loopback, spelled as a number.
	mux.Handle("/to-decimal", http.RedirectHandler("http://2130706433/", http.StatusFound))
	if _, err := get("http://public.test/to-decimal"); !errors.Is(err, ErrBlocked) {
		t.Errorf("redirect to http://2130706433/ = %v, want ErrBlocked", err)
	}
}
