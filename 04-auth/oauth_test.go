package main

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// browser is an HTTP client with a cookie jar that does not follow
// redirects, so each hop of the flow can be inspected.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) *http.Response {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func sessionLogin(t *testing.T, e *testEnv, c *http.Client, email string) {
	t.Helper()
	resp, err := c.Post(e.ts.URL+"/session/login", "application/json", strings.NewReader(`{"email":"`+email+`","password":"a long enough password"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("session login: %v %v", resp.Status, err)
	}
	resp.Body.Close()
}

func TestOAuthAuthorizationCodeWithPKCE(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "author")
	b := browser(t)
	sessionLogin(t, e, b, "ada@example.com")

	// 1. The client app redirects the browser to the authorization server.
	resp := get(t, b, e.ts.URL+"/client/login")
	authURL, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || authURL.Path != "/oauth/authorize" {
		t.Fatalf("GET /client/login = %d to %s, want 302 to /oauth/authorize", resp.StatusCode, authURL)
	}
	q := authURL.Query()
	if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 || q.Get("state") == "" {
		t.Errorf("authorize query = %v, want an S256 challenge and a state", q)
	}
	// 2. The authorization server sees ada's session and returns a code.
	resp = get(t, b, authURL.String())
	cb, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || cb.Path != "/client/callback" || cb.Query().Get("code") == "" || cb.Query().Get("state") != q.Get("state") {
		t.Fatalf("authorize = %d to %s, want 302 to the callback with code and the same state", resp.StatusCode, cb)
	}
	// 3. The callback trades the code (with the verifier) for tokens.
	resp = get(t, b, cb.String())
	var got struct {
		LoggedInAs  string `json:"logged_in_as"`
		Email       string `json:"email"`
		AccessToken string `json:"access_token"`
		Scope       string `json:"scope"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("callback = %d, %v", resp.StatusCode, err)
	}
	if got.Email != "ada@example.com" || got.Scope != "openid profile" {
		t.Errorf("callback = %+v, want ada with scope %q", got, "openid profile")
	}
	// 4. The access token works at the API.
	if w := e.do(t, "GET", "/me", "", bearer(got.AccessToken)...); w.Code != 200 || !strings.Contains(w.Body.String(), `"scope":"openid profile"`) {
		t.Errorf("GET /me with the OAuth access token = %d %s", w.Code, w.Body)
	}
	// 5. The code cannot be replayed, even by the client that owned it.
	if resp := get(t, b, cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("replayed callback = %d, want 400", resp.StatusCode)
	}
}

// authorizeCode runs steps 1–2 and returns the code and the callback URL.
func authorizeCode(t *testing.T, e *testEnv, challenge string) string {
	t.Helper()
	b := browser(t)
	sessionLogin(t, e, b, "ada@example.com")
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {e.srv.cfg.BaseURL + "/client/callback"},
		"state": {"s"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	resp := get(t, b, e.ts.URL+"/oauth/authorize?"+q.Encode())
	loc, _ := url.Parse(resp.Header.Get("Location"))
	return loc.Query().Get("code")
}

func TestOAuthTokenEndpointRejects(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	// RFC 7636 Appendix B.
	const verifier, challenge = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	redirect := e.srv.cfg.BaseURL + "/client/callback"
	exchange := func(form url.Values) (int, string) {
		resp, err := http.PostForm(e.ts.URL+"/oauth/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]string
		json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body["error"]
	}
	form := func(code, verifier string) url.Values {
		return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}, "client_id": {clientID}, "code_verifier": {verifier}}
	}

	code := authorizeCode(t, e, challenge)
	if status, errCode := exchange(form(code, strings.Repeat("x", 43))); status != 400 || errCode != "invalid_grant" {
		t.Errorf("wrong verifier = %d %q, want 400 invalid_grant", status, errCode)
	}
	if status, errCode := exchange(form(code, verifier)); status != 400 || errCode != "invalid_grant" {
		t.Errorf("code after a failed attempt = %d %q, want 400 invalid_grant (codes are single-use)", status, errCode)
	}
	code = authorizeCode(t, e, challenge)
	if status, _ := exchange(form(code, verifier)); status != 200 {
		t.Errorf("RFC 7636 verifier = %d, want 200", status)
	}
	if status, errCode := exchange(url.Values{"grant_type": {"password"}}); status != 400 || errCode != "unsupported_grant_type" {
		t.Errorf("password grant = %d %q, want 400 unsupported_grant_type", status, errCode)
	}
	if status, errCode := exchange(form("x", "short")); status != 400 || errCode != "invalid_request" {
		t.Errorf("short verifier = %d %q, want 400 invalid_request", status, errCode)
	}
}

func TestOAuthAuthorizeRejects(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	b := browser(t)
	sessionLogin(t, e, b, "ada@example.com")
	good := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {e.srv.cfg.BaseURL + "/client/callback"},
		"state": {"s"}, "code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"}}
	with := func(k, v string) string {
		q := url.Values{}
		for kk, vv := range good {
			q[kk] = vv
		}
		q.Set(k, v)
		return e.ts.URL + "/oauth/authorize?" + q.Encode()
	}
	for _, tc := range []struct {
		name, url string
		status    int
		errCode   string // for redirects: the error= sent back to the client
	}{
		{"unknown client", with("client_id", "evil"), 400, ""},
		{"unregistered redirect", with("redirect_uri", "https://evil.example/cb"), 400, ""},
		{"plain PKCE", with("code_challenge_method", "plain"), 302, "invalid_request"},
		{"short challenge", with("code_challenge", "abc"), 302, "invalid_request"},
		{"token response type", with("response_type", "token"), 302, "unsupported_response_type"},
		{"unknown scope", with("scope", "openid admin"), 302, "invalid_scope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := get(t, b, tc.url)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status == 302 {
				loc, _ := url.Parse(resp.Header.Get("Location"))
				if loc.Query().Get("error") != tc.errCode || loc.Query().Get("state") != "s" {
					t.Errorf("redirect = %s, want error=%s and state=s", loc, tc.errCode)
				}
			}
		})
	}
	// Without a session at the authorization server there is no code.
	if resp := get(t, browser(t), with("state", "s")); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("authorize without a session = %d, want 401", resp.StatusCode)
	}
}

func TestOAuthCallbackRejectsForeignState(t *testing.T) {
	e := newTestEnv(t)
	// A callback this browser never started (login CSRF): no state cookie.
	resp := get(t, browser(t), e.ts.URL+"/client/callback?code=abc&state=xyz")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("foreign callback = %d, want 400", resp.StatusCode)
	}
}

// TestOAuthCallbackHidesBackChannelErrors: the browser's login is real but
// the code is not, so the client's code exchange fails at the token
// endpoint. The provider's answer and the transport's error go to the log;
// the browser gets a generic 502 problem (and watchErrors checks its body).
func TestOAuthCallbackHidesBackChannelErrors(t *testing.T) {
	e := newTestEnv(t)
	b := browser(t)
	resp := get(t, b, e.ts.URL+"/client/login")
	authURL, _ := url.Parse(resp.Header.Get("Location"))
	state := authURL.Query().Get("state")

	resp = get(t, b, e.ts.URL+"/client/callback?code=made-up&state="+url.QueryEscape(state))
	var p struct {
		Status int
		Detail string
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("callback with a made-up code = %d, %v; want 502 with a problem", resp.StatusCode, err)
	}
	if strings.Contains(p.Detail, "invalid_grant") || strings.Contains(p.Detail, "127.0.0.1") {
		t.Errorf("502 detail = %q, want nothing of the back-channel's error", p.Detail)
	}
	if !strings.Contains(e.logs.String(), "code exchange failed") {
		t.Error("the failed exchange was not logged")
	}
}
