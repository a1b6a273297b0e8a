package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

// oauthClient is the other party: a web app that lets users "log in with
// the workbook". It never sees a password; it gets a code through the
// browser and trades it, with its PKCE verifier, for tokens over a direct
// back-channel request.
type oauthClient struct {
	cfg         settings
	log         *slog.Logger
	redirectURI string
	idPub       *ecdsa.PublicKey
	http        *http.Client

	mu      sync.Mutex
	pending map[string]pendingLogin // by state
}

type pendingLogin struct {
	verifier, nonce string
	expires         time.Time
}

const stateCookie = "oauth_state"

func newOAuthClient(cfg settings, logger *slog.Logger, idPub *ecdsa.PublicKey) *oauthClient {
	return &oauthClient{
		cfg:         cfg,
		log:         logger,
		redirectURI: cfg.BaseURL + "/client/callback",
		idPub:       idPub,
		http:        &http.Client{Timeout: 5 * time.Second},
		pending:     map[string]pendingLogin{},
	}
}

// handleLogin starts the flow: fresh state, PKCE verifier and nonce, then a
// redirect to the authorization server.
func (c *oauthClient) handleLogin(w http.ResponseWriter, r *http.Request) {
	verifier := oauth2.GenerateVerifier() // 32 random bytes, 43 base64url characters
	state, nonce := rand.Text(), rand.Text()

	c.mu.Lock()
	now := c.cfg.Now()
	for k, p := range c.pending { // drop abandoned logins
		if now.After(p.expires) {
			delete(c.pending, k)
		}
	}
	c.pending[state] = pendingLogin{verifier: verifier, nonce: nonce, expires: now.Add(10 * time.Minute)}
	c.mu.Unlock()

	// The state also goes into a cookie, binding the callback to the
	// browser that started the login (stops login CSRF).
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: state, Path: "/client", MaxAge: 600, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {clientID},
		"redirect_uri":          {c.redirectURI},
		"scope":                 {"openid profile"},
		"state":                 {state},
		"nonce":                 {nonce},
		"code_challenge":        {oauth2.S256ChallengeFromVerifier(verifier)},
		"code_challenge_method": {"S256"},
	}
	http.Redirect(w, r, c.cfg.BaseURL+"/oauth/authorize?"+q.Encode(), http.StatusFound)
}

func (c *oauthClient) handleCallback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		writeProblem(w, r, http.StatusBadRequest, "authorization server refused: "+e+": "+q.Get("error_description"))
		return
	}
	state := q.Get("state")
	ck, err := r.Cookie(stateCookie)
	if state == "" || err != nil || ck.Value != state {
		writeProblem(w, r, http.StatusBadRequest, "state does not match the login this browser started")
		return
	}
	c.mu.Lock()
	p, ok := c.pending[state]
	delete(c.pending, state)
	c.mu.Unlock()
	if !ok || c.cfg.Now().After(p.expires) {
		writeProblem(w, r, http.StatusBadRequest, "login expired or already completed; start again at /client/login")
		return
	}
	if q.Get("code") == "" {
		writeProblem(w, r, http.StatusBadRequest, "callback has no code")
		return
	}
	// The back-channel's errors (transport, the provider's answer, the JWT
	// library's verdict) are about the two servers, not about the browser's
	// request: they go to the log, and the user gets a generic 502.
	tok, err := c.exchange(r.Context(), q.Get("code"), p.verifier)
	if err != nil {
		c.log.Error("oauth client: code exchange failed", "err", err)
		writeProblem(w, r, http.StatusBadGateway, "the authorization server did not complete the login; try again at /client/login")
		return
	}
	id, err := c.verifyIDToken(tok.IDToken, p.nonce)
	if err != nil {
		c.log.Warn("oauth client: id_token rejected", "err", err)
		writeProblem(w, r, http.StatusBadGateway, "the authorization server's id_token failed verification; try again at /client/login")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Path: "/client", MaxAge: -1, Secure: true, HttpOnly: true})
	// A real client would now start its own session for id.Subject.
	writeJSON(w, http.StatusOK, map[string]any{
		"client":        clientID,
		"logged_in_as":  id.Subject,
		"email":         id.Email,
		"scope":         tok.Scope,
		"access_token":  tok.AccessToken,
		"id_token_exp":  id.ExpiresAt.Time.UTC(),
		"id_token_algo": "ES256",
	})
}

// exchange is the back-channel call to the token endpoint.
func (c *oauthClient) exchange(ctx context.Context, code, verifier string) (tokenResponse, error) {
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {c.redirectURI},
		"client_id":     {clientID},
		"code_verifier": {verifier},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.BaseURL+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return tokenResponse{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		return tokenResponse{}, fmt.Errorf("token endpoint unreachable: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return tokenResponse{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return tokenResponse{}, fmt.Errorf("token endpoint answered %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var tok tokenResponse
	if err := json.Unmarshal(body, &tok); err != nil {
		return tokenResponse{}, fmt.Errorf("token endpoint sent malformed JSON: %w", err)
	}
	return tok, nil
}

// verifyIDToken checks the ID token the way an OpenID Connect client must:
// pinned algorithm, issuer, audience = this client, not expired, nonce echoed.
func (c *oauthClient) verifyIDToken(raw, nonce string) (*idClaims, error) {
	var claims idClaims
	_, err := jwt.ParseWithClaims(raw, &claims,
		func(*jwt.Token) (any, error) { return c.idPub, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodES256.Alg()}),
		jwt.WithIssuer(c.cfg.Issuer),
		jwt.WithAudience(clientID),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(c.cfg.Now),
	)
	if err != nil {
		return nil, err
	}
	if claims.Nonce != nonce {
		return nil, fmt.Errorf("nonce mismatch")
	}
	return &claims, nil
}
