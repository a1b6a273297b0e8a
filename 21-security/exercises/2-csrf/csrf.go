//go:build !solution

package csrf

import (
	"errors"
	"net/http"
)

var errNotImplemented = errors.New("not implemented: edit exercises/2-csrf/csrf.go")

// Protector is the middleware and the token issuer.
type Protector struct{}

// New checks cfg (key of at least 32 bytes, SessionID set, at least one
// trusted origin) and returns a Protector, or an error wrapping ErrConfig.
func New(cfg Config) (*Protector, error) { return nil, errNotImplemented }

// Token returns a fresh token bound to sessionID.
func (p *Protector) Token(sessionID string) string { return "" }

// SetCookie issues a token for sessionID, sets it as the CSRF cookie and
// returns it for the page to embed. Call it at login, with the new session.
func (p *Protector) SetCookie(w http.ResponseWriter, sessionID string) string { return "" }

// Handler lets safe methods through and checks every other request's
// origin and token, answering 403 when a check fails.
func (p *Protector) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, errNotImplemented.Error(), http.StatusNotImplemented)
	})
}
