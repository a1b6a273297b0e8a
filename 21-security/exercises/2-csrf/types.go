// Package csrf is exercise 2 of chapter 21: a signed double-submit CSRF
// middleware, built from scratch.
package csrf

import (
	"errors"
	"net/http"
)

// CookieName, HeaderName and FieldName are where a token travels: the
// cookie the middleware sets, and the header (scripts) or form field
// (HTML forms) the page sends back.
const (
	CookieName = "csrf"
	HeaderName = "X-CSRF-Token"
	FieldName  = "csrf_token"
)

// Config configures a Protector.
type Config struct {
	// Key signs tokens with HMAC-SHA256; at least 32 bytes.
	Key []byte
	// SessionID returns the session the request belongs to, "" for none.
	SessionID func(*http.Request) string
	// TrustedOrigins are the origins the site's own pages are served from,
	// as a browser writes them in Origin: "https://app.example.com".
	TrustedOrigins []string
}

// ErrConfig is what New returns for an unusable Config.
var ErrConfig = errors.New("csrf: bad config")
