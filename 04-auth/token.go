package main

import (
	"crypto/rand"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// accessClaims are the claims of an access token: the registered ones
// (iss, sub, aud, exp, nbf, iat, jti) plus the user's role and scope.
type accessClaims struct {
	Role  string `json:"role"`
	Scope string `json:"scope,omitempty"`
	jwt.RegisteredClaims
}

// issueAccessToken signs a short-lived HS256 access token for u.
func (s *server) issueAccessToken(u account, scope string) (string, error) {
	now := s.cfg.Now()
	claims := accessClaims{
		Role:  u.Role,
		Scope: scope,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.cfg.Issuer,
			Subject:   u.ID,
			Audience:  jwt.ClaimStrings{s.cfg.Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        rand.Text(),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.cfg.Secret)
}

// verifyAccessToken accepts only what this server issued, for this API.
//
// WithValidMethods pins the algorithm: a token whose header says "none",
// or RS256 while we expect HS256, is rejected before any key is chosen.
// Never let the token's own header pick how it is verified.
func (s *server) verifyAccessToken(raw string) (*accessClaims, error) {
	var claims accessClaims
	_, err := jwt.ParseWithClaims(raw, &claims,
		func(*jwt.Token) (any, error) { return s.cfg.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(s.cfg.Issuer),
		jwt.WithAudience(s.cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second), // tolerate small clock skew between machines
		jwt.WithTimeFunc(s.cfg.Now),
	)
	if err != nil {
		return nil, err
	}
	return &claims, nil
}

// tokenProblem turns a verification error into a short reason for the client.
func tokenProblem(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "token is malformed"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return "token lacks a required claim (exp)"
	case errors.Is(err, jwt.ErrTokenExpired):
		return "token has expired; refresh it"
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return "token is not valid yet"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "token is for another audience"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "token is from another issuer"
	default:
		return "token signature or algorithm is invalid"
	}
}

// requireBearer is route-specific middleware: it verifies the bearer token
// and hands its claims to next, or answers 401 with a WWW-Authenticate
// challenge (RFC 6750) saying why.
func (s *server) requireBearer(next func(http.ResponseWriter, *http.Request, *accessClaims)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, raw, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || raw == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="workbook"`)
			writeProblem(w, r, http.StatusUnauthorized, "send Authorization: Bearer <access token>")
			return
		}
		claims, err := s.verifyAccessToken(raw)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="workbook", error="invalid_token"`)
			writeProblem(w, r, http.StatusUnauthorized, tokenProblem(err))
			return
		}
		next(w, r, claims)
	}
}

func (s *server) handleMe(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	me := map[string]any{"sub": c.Subject, "role": c.Role, "iss": c.Issuer, "aud": c.Audience, "exp": c.ExpiresAt.Time.UTC()}
	if c.Scope != "" {
		me["scope"] = c.Scope
	}
	writeJSON(w, http.StatusOK, me)
}
