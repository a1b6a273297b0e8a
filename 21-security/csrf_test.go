package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// TestCSRF sends what a page on evil.example makes a logged-in browser send
// (the cookie rides along), and shows which layer stops which request.
func TestCSRF(t *testing.T) {
	a, logs := newTestApp(t)
	h := problemtest.WatchErrors(t, a.routes())
	id, sess := a.sessions.create("alice")
	cookie := "session=" + id
	hdr := func(kv ...string) http.Header {
		h := http.Header{"Cookie": {cookie}}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	crossSite := hdr("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	evil := url.Values{"email": {"mallory@evil.example"}}

	// The attack works on the cookie-only route.
	rec := do(h, "POST", "/vuln/email", evil, crossSite)
	if rec.Code != 200 || a.sessions.email("alice") != "mallory@evil.example" {
		t.Fatalf("cross-site POST /vuln/email = %d %q: the attack should have changed the email", rec.Code, rec.Body)
	}

	cases := []struct {
		name   string
		form   url.Values
		header http.Header
		want   int
	}{
		{"cross-site, by Sec-Fetch-Site: CrossOriginProtection", evil, crossSite, 403},
		{"old browser, foreign Origin: CrossOriginProtection", evil, hdr("Origin", "https://evil.example"), 403},
		{"no browser headers, no token: the token", evil, hdr(), 403},
		{"same-origin, wrong token: the token", url.Values{"email": {"x@evil.example"}, "csrf_token": {"AAAA"}}, hdr("Sec-Fetch-Site", "same-origin"), 403},
		{"same-origin, right token", url.Values{"email": {"alice@example.com"}, "csrf_token": {sess.csrf}}, hdr("Sec-Fetch-Site", "same-origin"), 200},
		{"right token but no session", url.Values{"email": {"a@example.com"}, "csrf_token": {sess.csrf}}, http.Header{}, 401},
		{"right token, bad email", url.Values{"email": {"not an address"}, "csrf_token": {sess.csrf}}, hdr(), 422},
	}
	for _, tc := range cases {
		rec := do(h, "POST", "/safe/email", tc.form, tc.header)
		if rec.Code != tc.want {
			t.Errorf("%s: POST /safe/email = %d %q, want %d", tc.name, rec.Code, rec.Body, tc.want)
		}
		if rec.Code != 200 {
			problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), tc.want, "/safe/email")
		}
	}
	if got := a.sessions.email("alice"); got != "alice@example.com" {
		t.Errorf("email = %q after the cases, want only the legitimate change", got)
	}

	reasons := map[string]int{}
	for _, ev := range logs.events(t) {
		if ev["event"] == evCSRFRejected {
			reasons[ev["reason"].(string)]++
		}
	}
	if reasons["cross-origin"] != 2 || reasons["token mismatch"] != 2 {
		t.Errorf("csrf.rejected audit reasons = %v, want cross-origin 2, token mismatch 2", reasons)
	}
	if strings.Contains(logs.String(), sess.csrf) || strings.Contains(logs.String(), id) {
		t.Error("the audit log holds a CSRF token or a session ID")
	}

	// Our own form carries the token, and is not cached.
	rec = do(h, "GET", "/account", nil, hdr())
	if !strings.Contains(rec.Body.String(), `value="`+sess.csrf+`"`) || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("GET /account = %q (Cache-Control %q), want the form with the token, no-store", rec.Body, rec.Header().Get("Cache-Control"))
	}
}

// TestSessionCookie checks the attributes that keep the cookie off
// cross-site requests and away from scripts.
func TestSessionCookie(t *testing.T) {
	r := httptest.NewRequest("POST", "/login", nil)
	c := sessionCookieFor(r, "id")
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" {
		t.Errorf("cookie over HTTP = %s, want HttpOnly; SameSite=Lax; Path=/, not Secure", c)
	}
	r = httptest.NewRequest("POST", "https://example.com/login", nil)
	if c := sessionCookieFor(r, "id"); !c.Secure {
		t.Errorf("cookie over TLS = %s, want Secure", c)
	}
}
