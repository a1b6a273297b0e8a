package csrf

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

const file = "exercises/2-csrf/csrf.go"

const site = "https://app.example.com"

var key = []byte("0123456789abcdef0123456789abcdef") // 32 bytes

func sessionFromCookie(r *http.Request) string {
	c, err := r.Cookie("session")
	if err != nil {
		return ""
	}
	return c.Value
}

func newProtector(t *testing.T) *Protector {
	t.Helper()
	p, err := New(Config{Key: key, SessionID: sessionFromCookie, TrustedOrigins: []string{site}})
	if err != nil || p == nil {
		t.Fatalf("New(valid config) = %v, %v (edit %s)", p, err, file)
	}
	return p
}

// req describes one request to the protected handler.
type req struct {
	method, session, cookie, header, field, origin, referer string
}

func send(h http.Handler, q req) int {
	var body *strings.Reader
	if q.field != "" {
		body = strings.NewReader(url.Values{FieldName: {q.field}}.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(q.method, site+"/transfer", body)
	if q.field != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if q.session != "" {
		r.AddCookie(&http.Cookie{Name: "session", Value: q.session})
	}
	if q.cookie != "" {
		r.AddCookie(&http.Cookie{Name: CookieName, Value: q.cookie})
	}
	for k, v := range map[string]string{HeaderName: q.header, "Origin": q.origin, "Referer": q.referer} {
		if v != "" {
			r.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec.Code
}

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })

func TestMiddleware(t *testing.T) {
	p := newProtector(t)
	h := p.Handler(ok)
	tok := p.Token("s1")
	other := p.Token("s1")
	if tok == "" || tok == other {
		t.Fatalf("Token(s1) twice = %q, %q; want two different non-empty tokens (edit %s)", tok, other, file)
	}
	forSession2 := p.Token("s2")
	tampered := "A" + tok[1:]
	if tampered == tok {
		tampered = "B" + tok[1:]
	}
	nonce, sig, _ := strings.Cut(tok, ".")

	cases := []struct {
		name string
		q    req
		want int
	}{
		{"GET needs nothing", req{method: "GET"}, 200},
		{"HEAD needs nothing", req{method: "HEAD"}, 200},
		{"OPTIONS needs nothing", req{method: "OPTIONS"}, 200},
		{"POST, header token", req{method: "POST", session: "s1", cookie: tok, header: tok, origin: site}, 200},
		{"POST, form token", req{method: "POST", session: "s1", cookie: tok, field: tok, origin: site}, 200},
		{"POST, no Origin or Referer (not a browser)", req{method: "POST", session: "s1", cookie: tok, header: tok}, 200},
		{"POST, trusted Referer", req{method: "POST", session: "s1", cookie: tok, header: tok, referer: site + "/form?x=1"}, 200},
		{"PUT is checked", req{method: "PUT", session: "s1", cookie: tok}, 403},
		{"PATCH is checked", req{method: "PATCH", session: "s1", cookie: tok}, 403},
		{"DELETE is checked", req{method: "DELETE", session: "s1", cookie: tok}, 403},
		{"DELETE, with its token", req{method: "DELETE", session: "s1", cookie: tok, header: tok}, 200},
		{"no token at all", req{method: "POST", session: "s1", cookie: tok, origin: site}, 403},
		{"token but no cookie", req{method: "POST", session: "s1", header: tok, origin: site}, 403},
		{"cookie and header differ (both valid)", req{method: "POST", session: "s1", cookie: tok, header: other}, 403},
		{"forged pair that matches itself", req{method: "POST", session: "s1", cookie: "abc.def", header: "abc.def"}, 403},
		{"token of another session", req{method: "POST", session: "s1", cookie: forSession2, header: forSession2}, 403},
		{"tampered nonce", req{method: "POST", session: "s1", cookie: tampered, header: tampered}, 403},
		{"signature alone", req{method: "POST", session: "s1", cookie: "." + sig, header: "." + sig}, 403},
		{"nonce alone", req{method: "POST", session: "s1", cookie: nonce, header: nonce}, 403},
		{"truncated signature", req{method: "POST", session: "s1", cookie: tok[:len(tok)-2], header: tok[:len(tok)-2]}, 403},
		{"signature not base64url", req{method: "POST", session: "s1", cookie: nonce + ".!!", header: nonce + ".!!"}, 403},
		{"no session", req{method: "POST", cookie: tok, header: tok, origin: site}, 403},
		{"foreign Origin, valid token", req{method: "POST", session: "s1", cookie: tok, header: tok, origin: "https://evil.example"}, 403},
		{"look-alike Origin", req{method: "POST", session: "s1", cookie: tok, header: tok, origin: site + ".evil.example"}, 403},
		{"Origin with the other scheme", req{method: "POST", session: "s1", cookie: tok, header: tok, origin: "http://app.example.com"}, 403},
		{"Origin null (sandboxed page)", req{method: "POST", session: "s1", cookie: tok, header: tok, origin: "null"}, 403},
		{"foreign Referer, valid token", req{method: "POST", session: "s1", cookie: tok, header: tok, referer: "https://evil.example/" + site}, 403},
		{"look-alike Referer", req{method: "POST", session: "s1", cookie: tok, header: tok, referer: site + ".evil.example/form"}, 403},
		{"broken Referer", req{method: "POST", session: "s1", cookie: tok, header: tok, referer: "https://[::1"}, 403},
	}
	for _, tc := range cases {
		if got := send(h, tc.q); got != tc.want {
			t.Errorf("%s: %s = %d, want %d (edit %s)", tc.name, tc.q.method, got, tc.want, file)
		}
	}
}

// TestRotateOnLogin: the token of the anonymous session stops working when
// login starts a new session, and SetCookie hands out the new one.
func TestRotateOnLogin(t *testing.T) {
	p := newProtector(t)
	h := p.Handler(ok)
	before := p.Token("anon-1")

	rec := httptest.NewRecorder()
	after := p.SetCookie(rec, "user-7")
	res := rec.Result()
	var c *http.Cookie
	for _, rc := range res.Cookies() {
		if rc.Name == CookieName {
			c = rc
		}
	}
	if c == nil || c.Value != after || after == "" {
		t.Fatalf("SetCookie set %v and returned %q; want cookie %q carrying the returned token (edit %s)", c, after, CookieName, file)
	}
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("CSRF cookie = %s; want Path=/; Secure; HttpOnly; SameSite=Lax", c)
	}
	if got := send(h, req{method: "POST", session: "user-7", cookie: before, header: before, origin: site}); got != 403 {
		t.Errorf("the pre-login token after login = %d, want 403", got)
	}
	if got := send(h, req{method: "POST", session: "user-7", cookie: after, header: after, origin: site}); got != 200 {
		t.Errorf("the new token after login = %d, want 200", got)
	}
}

// TestKeyMatters: a token from a Protector with another key is refused.
func TestKeyMatters(t *testing.T) {
	p := newProtector(t)
	other, err := New(Config{Key: []byte("another key, also of 32 bytes!!!"), SessionID: sessionFromCookie, TrustedOrigins: []string{site}})
	if err != nil {
		t.Fatalf("New: %v (edit %s)", err, file)
	}
	tok := other.Token("s1")
	if got := send(p.Handler(ok), req{method: "POST", session: "s1", cookie: tok, header: tok}); got != 403 {
		t.Errorf("a token signed with another key = %d, want 403", got)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	good := Config{Key: key, SessionID: sessionFromCookie, TrustedOrigins: []string{site}}
	bad := map[string]Config{
		"31-byte key":    {Key: key[:31], SessionID: sessionFromCookie, TrustedOrigins: []string{site}},
		"no SessionID":   {Key: key, TrustedOrigins: []string{site}},
		"no origins":     {Key: key, SessionID: sessionFromCookie},
		"nothing at all": {},
	}
	for name, cfg := range bad {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("New(%s) error = %v, want ErrConfig (edit %s)", name, err, file)
		}
	}
	if p, err := New(good); err != nil || p == nil {
		t.Errorf("New(32-byte key) = %v, %v; want a Protector", p, err)
	}
}

// TestComparesInConstantTime reads the source of the Handler this test
// runs: no unit test can time == against a constant-time compare reliably,
// so the file must use hmac.Equal or subtle.ConstantTimeCompare.
func TestComparesInConstantTime(t *testing.T) {
	pc := reflect.ValueOf((*Protector).Handler).Pointer()
	src, _ := runtime.FuncForPC(pc).FileLine(pc)
	f, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		t.Fatalf("cannot read %s: %v", src, err)
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if pkg, ok := s.X.(*ast.Ident); ok &&
				(pkg.Name == "hmac" && s.Sel.Name == "Equal" || pkg.Name == "subtle" && s.Sel.Name == "ConstantTimeCompare") {
				found = true
			}
		}
		return true
	})
	if !found {
		t.Errorf("%s compares tokens without hmac.Equal or subtle.ConstantTimeCompare (edit %s)", src, file)
	}
}
