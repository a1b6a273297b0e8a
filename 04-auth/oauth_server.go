package main

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

// The authorization server half of OAuth 2.0 (RFC 6749) with PKCE
// (RFC 7636), plus an OpenID Connect ID token when the client asks for the
// "openid" scope. It shares users and sessions with the rest of the API:
// "logging in at the provider" means having a session cookie here.

const clientID = "workbook-client"

// idClaims are the claims of an OpenID Connect ID token: who logged in, for
// which client (aud), and the nonce the client sent, echoed back.
type idClaims struct {
	Email string `json:"email,omitempty"`
	Nonce string `json:"nonce,omitempty"`
	jwt.RegisteredClaims
}

type registeredClient struct {
	redirectURIs []string // exact matches only: prefix matching invites open redirects
}

type authCode struct {
	clientID, redirectURI, userID string
	challenge, scope, nonce       string
	expires                       time.Time
}

type authorizationServer struct {
	s       *server
	idKey   *ecdsa.PrivateKey
	clients map[string]registeredClient

	mu    sync.Mutex
	codes map[string]*authCode
}

func newAuthorizationServer(s *server, idKey *ecdsa.PrivateKey) *authorizationServer {
	return &authorizationServer{
		s:     s,
		idKey: idKey,
		// A public client: it runs where users can read its code, so it has
		// no secret and PKCE is what binds the code to the app that asked.
		clients: map[string]registeredClient{clientID: {redirectURIs: []string{s.cfg.BaseURL + "/client/callback"}}},
		codes:   map[string]*authCode{},
	}
}

var knownScopes = []string{"openid", "profile", "articles:read"}

func (a *authorizationServer) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	// Until client_id and redirect_uri are known good, errors go to the
	// user, never to the redirect_uri: redirecting to an unchecked URI
	// would make this an open redirector.
	reg, ok := a.clients[q.Get("client_id")]
	if !ok {
		writeProblem(w, r, http.StatusBadRequest, "unknown client_id")
		return
	}
	redirectURI := q.Get("redirect_uri")
	if !slices.Contains(reg.redirectURIs, redirectURI) {
		writeProblem(w, r, http.StatusBadRequest, "redirect_uri is not registered for this client")
		return
	}
	state := q.Get("state")
	fail := func(code, desc string) {
		v := url.Values{"error": {code}, "error_description": {desc}}
		if state != "" {
			v.Set("state", state)
		}
		http.Redirect(w, r, redirectURI+"?"+v.Encode(), http.StatusFound)
	}
	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	if q.Get("code_challenge_method") != "S256" {
		fail("invalid_request", "code_challenge_method must be S256")
		return
	}
	challenge := q.Get("code_challenge")
	if b, err := base64.RawURLEncoding.DecodeString(challenge); err != nil || len(b) != sha256.Size {
		fail("invalid_request", "code_challenge must be 43 base64url characters")
		return
	}
	scope := q.Get("scope")
	if scope == "" {
		scope = "openid"
	}
	for _, sc := range strings.Fields(scope) {
		if !slices.Contains(knownScopes, sc) {
			fail("invalid_scope", "unknown scope "+sc)
			return
		}
	}
	u, ok := a.s.sessionUser(r)
	if !ok {
		// A real provider shows its login page here and comes back after.
		writeProblem(w, r, http.StatusUnauthorized, "log in at the authorization server first: POST /session/login")
		return
	}
	// A real provider would ask the user to consent to the scopes here;
	// this client is first-party, so consent is implied.
	code := rand.Text() + rand.Text()
	a.mu.Lock()
	a.codes[code] = &authCode{
		clientID: q.Get("client_id"), redirectURI: redirectURI, userID: u.ID,
		challenge: challenge, scope: scope, nonce: q.Get("nonce"),
		expires: a.s.cfg.Now().Add(time.Minute), // codes live seconds, not hours
	}
	a.mu.Unlock()
	a.s.audit(r, "oauth.code_issued", "user", u.ID, "client", q.Get("client_id"), "scope", scope)
	http.Redirect(w, r, redirectURI+"?"+url.Values{"code": {code}, "state": {state}}.Encode(), http.StatusFound)
}

// oauthError writes the token endpoint's error shape (RFC 6749 §5.2).
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

func (a *authorizationServer) handleToken(w http.ResponseWriter, r *http.Request) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		oauthError(w, http.StatusBadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "malformed form body")
		return
	}
	f := r.PostForm
	if f.Get("grant_type") != "authorization_code" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code")
		return
	}
	verifier := f.Get("code_verifier")
	if !validVerifier(verifier) {
		oauthError(w, http.StatusBadRequest, "invalid_request", "code_verifier must be 43-128 characters of [A-Za-z0-9-._~]")
		return
	}

	a.mu.Lock()
	c, ok := a.codes[f.Get("code")]
	if ok {
		// Spend the code on first sight, whatever happens next: a code
		// may be tried exactly once.
		delete(a.codes, f.Get("code"))
	}
	a.mu.Unlock()
	switch {
	case !ok:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "code is unknown or was already used")
		return
	case !a.s.cfg.Now().Before(c.expires):
		oauthError(w, http.StatusBadRequest, "invalid_grant", "code has expired")
		return
	case c.clientID != f.Get("client_id") || c.redirectURI != f.Get("redirect_uri"):
		oauthError(w, http.StatusBadRequest, "invalid_grant", "client_id or redirect_uri differ from the authorization request")
		return
	case subtle.ConstantTimeCompare([]byte(oauth2.S256ChallengeFromVerifier(verifier)), []byte(c.challenge)) != 1:
		a.s.audit(r, "oauth.pkce_failed", "client", c.clientID, "user", c.userID)
		oauthError(w, http.StatusBadRequest, "invalid_grant", "code_verifier does not match code_challenge")
		return
	}

	u, err := a.s.users.get(c.userID)
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "the user of this code no longer exists")
		return
	}
	access, err := a.s.issueAccessToken(u, c.scope)
	if err != nil {
		a.s.internalError(w, r, err)
		return
	}
	resp := tokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(a.s.cfg.AccessTTL.Seconds()), Scope: c.scope}
	if slices.Contains(strings.Fields(c.scope), "openid") {
		if resp.IDToken, err = a.idToken(u, c); err != nil {
			a.s.internalError(w, r, err)
			return
		}
	}
	a.s.audit(r, "oauth.token_issued", "user", u.ID, "client", c.clientID, "scope", c.scope)
	writeJSON(w, http.StatusOK, resp)
}

// idToken signs an ES256 OpenID Connect ID token for the client.
func (a *authorizationServer) idToken(u account, c *authCode) (string, error) {
	now := a.s.cfg.Now()
	claims := idClaims{
		Email: u.Email,
		Nonce: c.nonce,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    a.s.cfg.Issuer,
			Subject:   u.ID,
			Audience:  jwt.ClaimStrings{c.clientID},
			ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
			IssuedAt:  jwt.NewNumericDate(now),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodES256, claims).SignedString(a.idKey)
}

// validVerifier checks RFC 7636 §4.1: 43–128 unreserved characters.
func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for _, c := range []byte(v) {
		ok := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
		if !ok {
			return false
		}
	}
	return true
}
