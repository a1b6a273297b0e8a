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

	"workbook/serve/problem"
)

// settings holds everything the server needs; defaultSettings gives laptop values.
type settings struct {
	Issuer     string        // "iss" of every token this server signs
	Audience   string        // "aud" of access tokens: the API that accepts them
	Secret     []byte        // HMAC-SHA256 key for access tokens (>= 32 bytes)
	AccessTTL  time.Duration // short: an access token cannot be revoked
	RefreshTTL time.Duration // long: refresh tokens are stored and revocable
	SessionTTL time.Duration // absolute lifetime of a cookie session
	Argon2     argon2Params
	BaseURL    string // where the in-process OAuth client reaches the authorization server

	LoginMaxFailures int           // failed logins per account+IP before 429
	LoginWindow      time.Duration // how long those failures count

	Now func() time.Time
}

// defaultSettings returns production-shaped settings; the caller sets Secret and BaseURL.
func defaultSettings() settings {
	return settings{
		Issuer:           "http://workbook.local/04-auth",
		Audience:         "workbook-api",
		AccessTTL:        15 * time.Minute,
		RefreshTTL:       30 * 24 * time.Hour,
		SessionTTL:       12 * time.Hour,
		Argon2:           defaultArgon2,
		LoginMaxFailures: 5,
		LoginWindow:      15 * time.Minute,
		Now:              time.Now,
	}
}

// server is the chapter's HTTP API. It implements http.Handler.
type server struct {
	cfg      settings
	log      *slog.Logger
	mux      *http.ServeMux
	routed   http.Handler // mux through problem.Routes: its 404 and 405 as problem details
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

// newHandler wires the stores and routes.
func newHandler(cfg settings, logger *slog.Logger) (*server, error) {
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
	s := &server{
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
	s.client = newOAuthClient(cfg, logger, &idKey.PublicKey)
	s.routes()
	s.routed = problem.Routes(s.mux)
	return s, nil
}

// routes lists every endpoint in one place.
func (s *server) routes() {
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
	// Its default answer is a plain-text 403; every error here is a problem.
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusForbidden, "cross-origin request refused: a browser sent it from another site")
	}))
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

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Tokens and sessions must never be cached by a browser or proxy.
	w.Header().Set("Cache-Control", "no-store")
	s.routed.ServeHTTP(w, r)
}

// audit records a security event. Audit lines are what an investigator
// reads after an incident: who, what, from where, and the outcome. They
// never hold a password or a token.
func (s *server) audit(r *http.Request, event string, attrs ...any) {
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
func (s *server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("internal error", "path", r.URL.Path, "err", err)
	writeProblem(w, r, http.StatusInternalServerError, "internal error")
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
