package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

// login posts name and password from ip.
func login(h http.Handler, ip, name, pw string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"name": {name}, "password": {pw}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = ip + ":40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestLockFor(t *testing.T) {
	p := lockoutPolicy{base: time.Second, max: 10 * time.Second}
	for failures, want := range []time.Duration{0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		if got := p.lockFor(failures, 3); got != want {
			t.Errorf("lockFor(%d failures, threshold 3) = %s, want %s", failures, got, want)
		}
	}
}

func TestLoginLockout(t *testing.T) {
	a, logs := newDBApp(t)
	h := problemtest.WatchErrors(t, a.routes())
	alicePW := demoUsers["alice"]

	rec := login(h, "192.0.2.1", "alice", alicePW)
	first := rec.Header().Get("Set-Cookie")
	if rec.Code != 200 || !strings.Contains(first, "HttpOnly") || !strings.Contains(first, "SameSite=Lax") {
		t.Fatalf("good login = %d, Set-Cookie %q; want 200 and an HttpOnly SameSite=Lax cookie", rec.Code, first)
	}
	if second := login(h, "192.0.2.1", "alice", alicePW).Header().Get("Set-Cookie"); second == first {
		t.Error("two logins gave the same session ID: it must rotate at every login")
	}

	// Per account: five failures from five IPs lock alice, even for the
	// right password, and bob (existing) and mallory (unknown) get exactly
	// the same answers all the way: no enumeration.
	type answer struct {
		code          int
		detail, retry string
	}
	seq := func(name string) []answer {
		var out []answer
		for i := range 6 {
			rec := login(h, "198.51.100."+string(rune('1'+i)), name, "wrong password")
			p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), rec.Code, "/login")
			out = append(out, answer{rec.Code, p.Detail, rec.Header().Get("Retry-After")})
		}
		return out
	}
	bob, mallory := seq("bob"), seq("mallory")
	for i := range bob {
		if bob[i] != mallory[i] {
			t.Errorf("attempt %d: bob got %+v, mallory %+v; an attacker can tell which account exists", i+1, bob[i], mallory[i])
		}
	}
	if bob[4].code != 401 || bob[5].code != 429 || bob[5].retry != "1" {
		t.Errorf("bob's attempts = %+v, want 401 ×5, then 429 with Retry-After: 1", bob)
	}
	if rec := login(h, "203.0.113.9", "bob", demoUsers["bob"]); rec.Code != 429 {
		t.Errorf("locked bob with the right password from a fresh IP = %d, want 429", rec.Code)
	}

	// Exponential: after the first lock runs out, the next failure locks for twice as long.
	ctx := context.Background()
	if _, err := a.db.Exec(ctx, `UPDATE sec_login_failures SET locked_until = now() - interval '1 second' WHERE key = 'account:bob'`); err != nil {
		t.Fatal(err)
	}
	login(h, "203.0.113.9", "bob", "wrong again")
	if d, err := lockedFor(ctx, a.db, []string{"account:bob"}); err != nil || d <= time.Second || d > 2*time.Second {
		t.Errorf("after the 6th failure bob is locked for %s (%v), want between 1s and 2s", d, err)
	}

	// Per IP: one address spraying many accounts is locked at its threshold,
	// for every account, including one it never tried.
	for i := range a.lockout.ipThreshold {
		login(h, "192.0.2.66", "user"+string(rune('a'+i)), "guess")
	}
	if rec := login(h, "192.0.2.66", "alice", alicePW); rec.Code != 429 {
		t.Errorf("alice's right password from a sprayed-out IP = %d, want 429", rec.Code)
	}
	if rec := login(h, "192.0.2.1", "alice", alicePW); rec.Code != 200 {
		t.Errorf("alice from another IP = %d, want 200: the IP lock must not lock the account", rec.Code)
	}

	// The audit trail: failures and lockouts, with the user, never the password.
	counts := map[string]int{}
	for _, ev := range logs.events(t) {
		counts[ev["event"].(string)]++
		if ev["user"] == nil || ev["ip"] == nil {
			t.Errorf("audit line without user or ip: %v", ev)
		}
	}
	if counts[evLoginFailure] < 10 || counts[evLockout] < 3 || counts[evLoginSuccess] != 3 {
		t.Errorf("audit event counts = %v", counts)
	}
	for _, secret := range []string{alicePW, "wrong password", "guess"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds a password (%q)", secret)
		}
	}

	// Fail secure: with the database gone, no login succeeds.
	a.db.Close()
	rec = login(h, "192.0.2.1", "alice", alicePW)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/login")
}
