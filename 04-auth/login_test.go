package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestSignupRejectsBadInput(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "taken@example.com", "")
	for _, tc := range []struct {
		name, body, ctype string
		status            int
		detail            string
	}{
		{"empty body", "", "application/json", 400, "body is empty"},
		{"truncated JSON", `{"email":`, "application/json", 400, "ends too early"},
		{"malformed JSON", `{"email" "x"}`, "application/json", 400, "malformed JSON at byte"},
		{"unknown field", `{"email":"a@example.com","password":"a long enough password","admin":true}`, "application/json", 400, `unknown field "admin"`},
		{"wrong type", `{"email":42}`, "application/json", 400, `field "email" must be a string`},
		{"two objects", `{} {}`, "application/json", 400, "single JSON object"},
		{"not JSON", `email=a`, "application/x-www-form-urlencoded", 415, "application/json"},
		{"too large", `{"email":"` + strings.Repeat("a", maxBodyBytes) + `"}`, "application/json", 413, "larger than"},
		{"bad email", `{"email":"not-an-email","password":"a long enough password"}`, "application/json", 422, "email must be"},
		{"short password", `{"email":"a@example.com","password":"short"}`, "application/json", 422, "12 to 128"},
		{"admin role", `{"email":"a@example.com","password":"a long enough password","role":"admin"}`, "application/json", 422, "admins are not self-service"},
		{"duplicate", `{"email":"TAKEN@example.com","password":"a long enough password"}`, "application/json", 409, "already registered"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(t, "POST", "/signup", tc.body)
			if tc.body == "" {
				w = e.do(t, "POST", "/signup", "", "Content-Type", tc.ctype)
			} else if tc.ctype != "application/json" {
				w = e.do(t, "POST", "/signup", tc.body, "Content-Type", tc.ctype)
			}
			wantProblem(t, w, tc.status, tc.detail)
		})
	}
}

func TestLoginIssuesTokensTheAPIAccepts(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "author")
	tok := e.login(t, "ada@example.com")
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.RefreshToken == "" {
		t.Errorf("login response = %+v, want Bearer, 900s and a refresh token", tok)
	}
	w := e.do(t, "GET", "/me", "", bearer(tok.AccessToken)...)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"role":"author"`) {
		t.Errorf("GET /me = %d %s, want 200 with the author role", w.Code, w.Body)
	}
	if strings.Contains(e.logs.String(), "a long enough password") {
		t.Error("the logs contain a password")
	}
	if !strings.Contains(e.logs.String(), `"event":"login.success"`) {
		t.Error("the audit log has no login.success event")
	}
}

func TestLoginFailuresLookTheSame(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	wrongPw := e.do(t, "POST", "/login", `{"email":"ada@example.com","password":"not the password!"}`)
	noUser := e.do(t, "POST", "/login", `{"email":"nobody@example.com","password":"not the password!"}`)
	if wrongPw.Code != 401 || noUser.Code != 401 || wrongPw.Body.String() != noUser.Body.String() {
		t.Errorf("wrong password = %d %s; unknown email = %d %s; want identical 401s", wrongPw.Code, wrongPw.Body, noUser.Code, noUser.Body)
	}
	wantProblem(t, e.do(t, "POST", "/login", `{"email":"ada@example.com"}`), 400, "email and password are required")
}

func TestBearerTokenChecks(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	good := e.login(t, "ada@example.com").AccessToken

	sign := func(method jwt.SigningMethod, key any, mutate func(*accessClaims)) string {
		c := accessClaims{Role: "admin", RegisteredClaims: jwt.RegisteredClaims{
			Issuer: e.srv.cfg.Issuer, Subject: "u_x", Audience: jwt.ClaimStrings{e.srv.cfg.Audience},
			ExpiresAt: jwt.NewNumericDate(e.clock.Now().Add(time.Minute)), IssuedAt: jwt.NewNumericDate(e.clock.Now()),
		}}
		if mutate != nil {
			mutate(&c)
		}
		s, err := jwt.NewWithClaims(method, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	secret := e.srv.cfg.Secret
	for _, tc := range []struct {
		name, header, detail string
	}{
		{"no header", "", "send Authorization: Bearer"},
		{"basic scheme", "Basic YTpi", "send Authorization: Bearer"},
		{"garbage", "Bearer not.a.jwt", "malformed"},
		{"tampered", "Bearer " + good[:len(good)-4] + "AAAA", "signature or algorithm"},
		{"alg none", "Bearer " + sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, nil), "signature or algorithm"},
		{"HS512 not pinned", "Bearer " + sign(jwt.SigningMethodHS512, secret, nil), "signature or algorithm"},
		{"wrong key", "Bearer " + sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-123"), nil), "signature or algorithm"},
		{"other audience", "Bearer " + sign(jwt.SigningMethodHS256, secret, func(c *accessClaims) { c.Audience = jwt.ClaimStrings{"billing"} }), "another audience"},
		{"other issuer", "Bearer " + sign(jwt.SigningMethodHS256, secret, func(c *accessClaims) { c.Issuer = "https://evil.example" }), "another issuer"},
		{"no exp", "Bearer " + sign(jwt.SigningMethodHS256, secret, func(c *accessClaims) { c.ExpiresAt = nil }), "required claim"},
		{"nbf in future", "Bearer " + sign(jwt.SigningMethodHS256, secret, func(c *accessClaims) { c.NotBefore = jwt.NewNumericDate(e.clock.Now().Add(time.Hour)) }), "not valid yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w = e.do(t, "GET", "/me", "")
			if tc.header != "" {
				w = e.do(t, "GET", "/me", "", "Authorization", tc.header)
			}
			if got := w.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
				t.Errorf("WWW-Authenticate = %q, want a Bearer challenge", got)
			}
			wantProblem(t, w, http.StatusUnauthorized, tc.detail)
		})
	}

	t.Run("expired", func(t *testing.T) {
		e.clock.Advance(16 * time.Minute)
		wantProblem(t, e.do(t, "GET", "/me", "", bearer(good)...), http.StatusUnauthorized, "expired")
	})
}
