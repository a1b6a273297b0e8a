package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

func TestInternalAddr(t *testing.T) {
	cases := map[string]bool{
		"127.0.0.1": true, "127.9.9.9": true, "::1": true, "::ffff:127.0.0.1": true,
		"0.0.0.0": true, "0.1.2.3": true, "::": true,
		"10.1.2.3": true, "172.16.0.1": true, "172.31.255.255": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "fd00:ec2::254": true, "fc00::1": true,
		"100.64.0.1": true, "100.127.255.255": true, "224.0.0.1": true, "ff02::1": true,
		"255.255.255.255": true, "64:ff9b::7f00:1": true, "198.18.0.1": true,
		"93.184.215.14": false, "8.8.8.8": false, "172.32.0.1": false, "100.128.0.1": false,
		"2606:4700::1111": false, "::ffff:8.8.8.8": false,
	}
	for s, want := range cases {
		if got := internalAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("internalAddr(%s) = %v, want %v", s, got, want)
		}
	}
}

// TestSSRF plays an internal admin service on loopback and asks both fetch
// routes for it, directly, by a name that resolves to loopback, and through
// a redirect from an allowed host.
func TestSSRF(t *testing.T) {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "INTERNAL: db password is s3cr3t")
	}))
	defer internal.Close()
	_, port, _ := net.SplitHostPort(internal.Listener.Addr().String())

	// A "public" host that redirects to the internal one. 127.0.0.2 is on
	// loopback too, so the test allows it explicitly, as an operator might
	// allow one trusted internal service.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.2: %v", err)
	}
	redirector := httptest.NewUnstartedServer(http.RedirectHandler(internal.URL+"/admin", http.StatusFound))
	redirector.Listener.Close()
	redirector.Listener = ln
	redirector.Start()
	defer redirector.Close()

	a, logs := newTestApp(t)
	a.fetchSafe = newSafeClient(a.audit, []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")})
	h := problemtest.WatchErrors(t, a.routes())
	fetch := func(route, target string) (int, string) {
		rec := do(h, "GET", route+"?url="+url.QueryEscape(target), nil, nil)
		return rec.Code, rec.Body.String()
	}

	for _, target := range []string{
		internal.URL + "/?token=abc123",     // by IP
		"http://localhost:" + port + "/",    // a name that resolves to 127.0.0.1
		"http://[::ffff:127.0.0.1]:" + port, // IPv4-mapped IPv6
		redirector.URL + "/preview",         // an allowed host redirecting inside
	} {
		if code, body := fetch("/vuln/fetch", target); code != 200 || !strings.Contains(body, "s3cr3t") {
			t.Errorf("/vuln/fetch %s = %d %q, want the internal secret (the attack)", target, code, body)
		}
		rec := do(h, "GET", "/safe/fetch?url="+url.QueryEscape(target), nil, nil)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 403, "/safe/fetch?url="+url.QueryEscape(target))
		if strings.Contains(rec.Body.String(), "s3cr3t") {
			t.Errorf("/safe/fetch %s leaked the secret", target)
		}
	}
	// The allowed host itself is reachable: the client is not simply broken.
	redirectorOK := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "public page") }))
	ln2, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	redirectorOK.Listener.Close()
	redirectorOK.Listener = ln2
	redirectorOK.Start()
	defer redirectorOK.Close()
	if code, body := fetch("/safe/fetch", redirectorOK.URL); code != 200 || !strings.Contains(body, "public page") {
		t.Errorf("/safe/fetch of an allowed host = %d %q, want 200", code, body)
	}

	// Not a URL at all: 422, for both routes.
	for _, route := range []string{"/vuln/fetch", "/safe/fetch"} {
		rec := do(h, "GET", route+"?url=file:///etc/passwd", nil, nil)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, route+"?url=file:///etc/passwd")
	}

	blocks := 0
	for _, ev := range logs.events(t) {
		if ev["event"] == evSSRFBlocked {
			blocks++
		}
	}
	if blocks != 4 {
		t.Errorf("audit has %d ssrf.blocked events, want 4:\n%s", blocks, logs)
	}
	if strings.Contains(logs.String(), "abc123") {
		t.Error("the audit log holds the fetched URL's query (a token)")
	}
}
