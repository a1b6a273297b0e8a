package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestLoginRateLimitPerAccountAndIP(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	bad := `{"email":"ada@example.com","password":"wrong password!!"}`
	for i := range 5 {
		if w := e.do(t, "POST", "/login", bad); w.Code != http.StatusUnauthorized {
			t.Fatalf("failed login %d = %d, want 401", i+1, w.Code)
		}
	}
	// The sixth try is refused before the password is even checked — the
	// right password too.
	w := e.do(t, "POST", "/login", `{"email":"ada@example.com","password":"a long enough password"}`)
	wantProblem(t, w, http.StatusTooManyRequests, "too many failed logins")
	if got := w.Header().Get("Retry-After"); got != "900" {
		t.Errorf("Retry-After = %q, want %q (the 15-minute window)", got, "900")
	}
	if !strings.Contains(e.logs.String(), `"event":"login.blocked"`) {
		t.Error("the audit log has no login.blocked event")
	}

	// Another client address is not locked out by this one.
	r := httptest.NewRequest("POST", "/login", strings.NewReader(`{"email":"ada@example.com","password":"a long enough password"}`))
	r.RemoteAddr = "198.51.100.7:4000"
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		t.Errorf("login from another IP = %d, want 200", rec.Code)
	}

	e.clock.Advance(10 * time.Minute)
	if got := e.do(t, "POST", "/login", bad).Header().Get("Retry-After"); got != "300" {
		t.Errorf("Retry-After after 10 minutes = %q, want %q", got, "300")
	}
	e.clock.Advance(5 * time.Minute)
	e.login(t, "ada@example.com") // window over: allowed again
}

func TestCookieSession(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	w := e.do(t, "POST", "/session/login", `{"email":"ada@example.com","password":"a long enough password"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("POST /session/login = %d %s, want 200", w.Code, w.Body)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("got %d cookies, want 1", len(cookies))
	}
	c := cookies[0]
	if c.Name != "session" || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("cookie = %+v, want session; Secure; HttpOnly; SameSite=Lax; Path=/", c)
	}
	withCookie := []string{"Cookie", "session=" + c.Value}

	if w := e.do(t, "GET", "/session/me", "", withCookie...); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "ada@example.com") {
		t.Errorf("GET /session/me = %d %s, want 200 for ada", w.Code, w.Body)
	}
	// A cross-site form post carrying the cookie is refused (CSRF).
	if w := e.do(t, "POST", "/session/logout", "", append(withCookie, "Sec-Fetch-Site", "cross-site")...); w.Code != http.StatusForbidden {
		t.Errorf("cross-site POST /session/logout = %d, want 403", w.Code)
	}
	if w := e.do(t, "POST", "/session/logout", "", withCookie...); w.Code != http.StatusNoContent {
		t.Errorf("POST /session/logout = %d, want 204", w.Code)
	}
	wantProblem(t, e.do(t, "GET", "/session/me", "", withCookie...), http.StatusUnauthorized, "no valid session")
}

func TestSessionExpires(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	w := e.do(t, "POST", "/session/login", `{"email":"ada@example.com","password":"a long enough password"}`)
	cookie := "session=" + w.Result().Cookies()[0].Value
	e.clock.Advance(12 * time.Hour)
	wantProblem(t, e.do(t, "GET", "/session/me", "", "Cookie", cookie), http.StatusUnauthorized, "no valid session")
}
