package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func refreshBody(tok string) string { return `{"refresh_token":"` + tok + `"}` }

func TestRefreshRotationAndReuseDetection(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	first := e.login(t, "ada@example.com")
	other := e.login(t, "ada@example.com") // a second device: its own family

	w := e.do(t, "POST", "/token/refresh", refreshBody(first.RefreshToken))
	if w.Code != http.StatusOK {
		t.Fatalf("refresh = %d %s, want 200", w.Code, w.Body)
	}
	var second tokenResponse
	decode(t, w.Body, &second)
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
		t.Fatalf("refresh returned refresh token %q, want a new one", second.RefreshToken)
	}
	if w := e.do(t, "GET", "/me", "", bearer(second.AccessToken)...); w.Code != http.StatusOK {
		t.Errorf("GET /me with the refreshed access token = %d, want 200", w.Code)
	}

	// The first token comes back: someone kept a copy. The family dies.
	wantProblem(t, e.do(t, "POST", "/token/refresh", refreshBody(first.RefreshToken)), http.StatusUnauthorized, "already used")
	wantProblem(t, e.do(t, "POST", "/token/refresh", refreshBody(second.RefreshToken)), http.StatusUnauthorized, "revoked")
	if !strings.Contains(e.logs.String(), `"event":"token.reuse_detected"`) || !strings.Contains(e.logs.String(), `"level":"WARN"`) {
		t.Error("reuse was not audited at WARN")
	}
	// The other device is unaffected.
	if w := e.do(t, "POST", "/token/refresh", refreshBody(other.RefreshToken)); w.Code != http.StatusOK {
		t.Errorf("refresh in another family = %d, want 200", w.Code)
	}
}

func TestRefreshRejections(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	tok := e.login(t, "ada@example.com")
	wantProblem(t, e.do(t, "POST", "/token/refresh", `{}`), http.StatusBadRequest, "refresh_token is required")
	wantProblem(t, e.do(t, "POST", "/token/refresh", refreshBody("made-up")), http.StatusUnauthorized, "unknown")

	if w := e.do(t, "POST", "/logout", refreshBody(tok.RefreshToken)); w.Code != http.StatusNoContent {
		t.Fatalf("logout = %d, want 204", w.Code)
	}
	wantProblem(t, e.do(t, "POST", "/token/refresh", refreshBody(tok.RefreshToken)), http.StatusUnauthorized, "revoked")

	late := e.login(t, "ada@example.com")
	e.clock.Advance(31 * 24 * time.Hour)
	wantProblem(t, e.do(t, "POST", "/token/refresh", refreshBody(late.RefreshToken)), http.StatusUnauthorized, "expired")
}

func TestConcurrentRefreshHasOneWinner(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	tok := e.login(t, "ada@example.com")
	const n = 20
	codes := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { codes <- e.do(t, "POST", "/token/refresh", refreshBody(tok.RefreshToken)).Code })
	}
	wg.Wait()
	close(codes)
	ok := 0
	for c := range codes {
		if c == http.StatusOK {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("%d concurrent refreshes with one token: %d succeeded, want exactly 1", n, ok)
	}
}

// TestRefreshFamilyIsOneRecord shows the design refresh.go uses (exercise 5
// uses the other): however often a login refreshes, the store holds one
// record for it, and that record holds no usable token, only a hash.
func TestRefreshFamilyIsOneRecord(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	tok := e.login(t, "ada@example.com").RefreshToken
	for range 5 {
		w := e.do(t, "POST", "/token/refresh", refreshBody(tok))
		var next tokenResponse
		decode(t, w.Body, &next)
		tok = next.RefreshToken
	}
	family, gen, secret, ok := parseRefreshToken(tok)
	if !ok || gen != 6 {
		t.Fatalf("token after 5 refreshes = %q, want generation 6 of its family", tok)
	}
	e.srv.refresh.mu.Lock()
	defer e.srv.refresh.mu.Unlock()
	if n := len(e.srv.refresh.families); n != 1 {
		t.Errorf("store holds %d records after one login and 5 refreshes, want 1", n)
	}
	if f := e.srv.refresh.families[family]; f == nil || strings.Contains(string(f.secretHash[:]), secret) {
		t.Errorf("family record = %+v, want one that holds only the secret's hash", f)
	}
}
