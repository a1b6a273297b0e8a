package httpapi

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens issues and verifies the JWTs of `Authorization: Token <jwt>`. The
// algorithm is pinned to HS256: a token that claims another algorithm
// (including "none") is rejected before its signature is looked at.
type Tokens struct {
	Secret []byte
	TTL    time.Duration
	Now    func() time.Time // nil means time.Now
}

const issuer = "conduit"

// Issue returns a signed token whose subject is userID.
func (t *Tokens) Issue(userID int64) (string, error) {
	now := t.now()
	claims := jwt.RegisteredClaims{
		Issuer:    issuer,
		Subject:   strconv.FormatInt(userID, 10),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(t.TTL)),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.Secret)
	if err != nil {
		return "", fmt.Errorf("httpapi: sign token: %w", err)
	}
	return s, nil
}

// Verify returns the user ID in a valid, unexpired token of ours.
func (t *Tokens) Verify(token string) (int64, error) {
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(token, &claims,
		func(*jwt.Token) (any, error) { return t.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		return 0, fmt.Errorf("httpapi: verify token: %w", err)
	}
	id, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New("httpapi: verify token: bad subject")
	}
	return id, nil
}

func (t *Tokens) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}
