package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Config holds everything the server needs; DefaultConfig gives laptop values.
type Config struct {
	Issuer     string        // "iss" of every token this server signs
	Audience   string        // "aud" of access tokens: the API that accepts them
	Secret     []byte        // HMAC-SHA256 key for access tokens (>= 32 bytes)
	AccessTTL  time.Duration // short: an access token cannot be revoked
	RefreshTTL time.Duration // long: refresh tokens are stored and revocable
	SessionTTL time.Duration // absolute lifetime of a cookie session
	Argon2     Argon2Params
	BaseURL    string // where the in-process OAuth client reaches the authorization server

	LoginMaxFailures int           // failed logins per account+IP before 429
	LoginWindow      time.Duration // how long those failures count

	Now func() time.Time
}

// DefaultConfig returns production-shaped settings; the caller sets Secret and BaseURL.
func DefaultConfig() Config {
	return Config{
		Issuer:           "http://workbook.local/04-auth",
		Audience:         "workbook-api",
		AccessTTL:        15 * time.Minute,
		RefreshTTL:       30 * 24 * time.Hour,
		SessionTTL:       12 * time.Hour,
		Argon2:           DefaultArgon2,
		LoginMaxFailures: 5,
		LoginWindow:      15 * time.Minute,
		Now:              time.Now,
	}
}

// Server is the chapter's HTTP API. It implements http.Handler.
type Server struct {
	cfg      Config
	log      *slog.Logger
	mux      *http.ServeMux
	users    *userStore
	refresh  *refreshStore
	sessions *sessionStore
	articles *articleStore
	limiter  *loginLimiter
	authz    *authorizationServer
	client   *oauthClient

	// dummyHash is verified against when an email is unknown, so that a
	// login for a missing account costs as much as one for a real account
	// and response times do not reveal which emails are registered.
	dummyHash string
}

// NewServer wires the stores and routes.
func NewServer(cfg Config, logger *slog.Logger) (*Server, error) {
	if len(cfg.Secret) < 32 {
		return nil, errors.New("config: Secret must be at least 32 bytes")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	dummy, err := hashPassword(cfg.Argon2, rand.Text())
	if err != nil {
		return nil, err
	}
	// The authorization server signs ID tokens with its own ECDSA key; the
	// client verifies them with the public half (a real client would fetch
	// it from the provider's jwks_uri).
	idKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:       cfg,
		log:       logger,
		mux:       http.NewServeMux(),
		users:     newUserStore(),
		refresh:   newRefreshStore(cfg.RefreshTTL, cfg.Now),
		sessions:  newSessionStore(cfg.SessionTTL, cfg.Now),
		articles:  newArticleStore(),
		limiter:   newLoginLimiter(cfg.LoginMaxFailures, cfg.LoginWindow, cfg.Now),
		dummyHash: dummy,
	}
	s.authz = newAuthorizationServer(s, idKey)
	s.client = newOAuthClient(cfg, &idKey.PublicKey)
	s.routes()
	return s, nil
}

// routes lists every endpoint in one place.
func (s *Server) routes() {
	// Password login issuing stateless tokens.
	s.mux.HandleFunc("POST /signup", s.handleSignup)
	s.mux.HandleFunc("POST /login", s.handleLogin)
	s.mux.HandleFunc("POST /token/refresh", s.handleRefresh)
	s.mux.HandleFunc("POST /logout", s.handleLogout)
	s.mux.HandleFunc("GET /me", s.requireBearer(s.handleMe))

	// Multi-factor authentication: enroll a TOTP secret, confirm it with a code.
	s.mux.HandleFunc("POST /mfa/enroll", s.requireBearer(s.handleMFAEnroll))
	s.mux.HandleFunc("POST /mfa/confirm", s.requireBearer(s.handleMFAConfirm))

	// Cookie sessions: the stateful alternative. State-changing session
	// routes are wrapped in CSRF protection because browsers attach cookies
	// to cross-site requests (SameSite narrows that, it does not remove it).
	csrf := http.NewCrossOriginProtection()
	s.mux.Handle("POST /session/login", csrf.Handler(http.HandlerFunc(s.handleSessionLogin)))
	s.mux.Handle("POST /session/logout", csrf.Handler(http.HandlerFunc(s.handleSessionLogout)))
	s.mux.HandleFunc("GET /session/me", s.handleSessionMe)

	// A resource protected by role and ownership.
	s.mux.HandleFunc("POST /articles", s.requireBearer(s.handleArticleCreate))
	s.mux.HandleFunc("GET /articles/{id}", s.requireBearer(s.handleArticleGet))
	s.mux.HandleFunc("PUT /articles/{id}", s.requireBearer(s.handleArticleUpdate))
	s.mux.HandleFunc("DELETE /articles/{id}", s.requireBearer(s.handleArticleDelete))

	// OAuth 2.0 authorization server and, in the same binary, a client app.
	s.mux.HandleFunc("GET /oauth/authorize", s.authz.handleAuthorize)
	s.mux.HandleFunc("POST /oauth/token", s.authz.handleToken)
	s.mux.HandleFunc("GET /client/login", s.client.handleLogin)
	s.mux.HandleFunc("GET /client/callback", s.client.handleCallback)

	// Certificate authentication: only answers over mutual TLS.
	s.mux.HandleFunc("GET /cert/whoami", handleCertWhoAmI)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Tokens and sessions must never be cached by a browser or proxy.
	w.Header().Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// audit records a security event. Audit lines are what an investigator
// reads after an incident: who, what, from where, and the outcome. They
// never hold a password or a token.
func (s *Server) audit(r *http.Request, event string, attrs ...any) {
	level := slog.LevelInfo
	if alarming[event] {
		level = slog.LevelWarn
	}
	attrs = append([]any{slog.String("event", event), slog.String("ip", clientIP(r))}, attrs...)
	s.log.LogAttrs(r.Context(), level, "audit", slog.Group("audit", attrs...))
}

// alarming events are logged at WARN so that alerting can key on the level.
var alarming = map[string]bool{"login.blocked": true, "token.reuse_detected": true, "authz.denied": true}

// internalError logs err and tells the client nothing about it.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("internal error", "path", r.URL.Path, "err", err)
	writeProblem(w, http.StatusInternalServerError, "internal error")
}

// clientIP is the peer address. Behind a proxy you would take it from a
// header the proxy sets, and only when the request came from that proxy.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
