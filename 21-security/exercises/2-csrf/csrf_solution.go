//go:build solution

package csrf

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Protector is the middleware and the token issuer.
type Protector struct {
	cfg Config
}

// New checks cfg and returns a Protector, or an error wrapping ErrConfig.
func New(cfg Config) (*Protector, error) {
	switch {
	case len(cfg.Key) < 32:
		return nil, fmt.Errorf("%w: key has %d bytes, want at least 32", ErrConfig, len(cfg.Key))
	case cfg.SessionID == nil:
		return nil, fmt.Errorf("%w: no SessionID", ErrConfig)
	case len(cfg.TrustedOrigins) == 0:
		return nil, fmt.Errorf("%w: no trusted origins", ErrConfig)
	}
	return &Protector{cfg: cfg}, nil
}

// mac signs nonce for sessionID. The separator keeps ("a", "b|c") and
// ("a|b", "c") apart; a session ID with "|" in it cannot forge one.
func (p *Protector) mac(sessionID, nonce string) []byte {
	m := hmac.New(sha256.New, p.cfg.Key)
	m.Write([]byte(nonce))
	m.Write([]byte{'|'})
	m.Write([]byte(sessionID))
	return m.Sum(nil)
}

// Token returns nonce.mac, both base64url: random, and bound to sessionID.
func (p *Protector) Token(sessionID string) string {
	nonce := rand.Text()
	return nonce + "." + base64.RawURLEncoding.EncodeToString(p.mac(sessionID, nonce))
}

// valid reports whether token was issued for sessionID.
func (p *Protector) valid(token, sessionID string) bool {
	nonce, sig, ok := strings.Cut(token, ".")
	if !ok {
		return false
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		return false
	}
	return hmac.Equal(got, p.mac(sessionID, nonce))
}

// SetCookie issues a token for sessionID, sets it as the CSRF cookie and
// returns it for the page to embed.
func (p *Protector) SetCookie(w http.ResponseWriter, sessionID string) string {
	token := p.Token(sessionID)
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/",
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	return token
}

// originOK checks Origin, or Referer when a browser left Origin out. With
// neither (a non-browser client) the token check alone decides.
func (p *Protector) originOK(r *http.Request) bool {
	if origin := r.Header.Get("Origin"); origin != "" {
		return slices.Contains(p.cfg.TrustedOrigins, origin) // "null" is never trusted
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err == nil && slices.Contains(p.cfg.TrustedOrigins, u.Scheme+"://"+u.Host)
	}
	return true
}

// Handler lets safe methods through and checks every other request's
// origin and token, answering 403 when a check fails. A request without a
// session is refused: give visitors an anonymous session before showing
// them a form (the login form too: login CSRF is real).
func (p *Protector) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
			next.ServeHTTP(w, r)
			return
		}
		if !p.originOK(r) {
			http.Error(w, "forbidden: cross-origin request", http.StatusForbidden)
			return
		}
		sent := r.Header.Get(HeaderName)
		if sent == "" {
			sent = r.PostFormValue(FieldName)
		}
		cookie, err := r.Cookie(CookieName)
		session := p.cfg.SessionID(r)
		if err != nil || session == "" ||
			!hmac.Equal([]byte(sent), []byte(cookie.Value)) || !p.valid(sent, session) {
			http.Error(w, "forbidden: missing or invalid CSRF token", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
