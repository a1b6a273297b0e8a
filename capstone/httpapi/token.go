package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens issues and verifies the JWTs of `Authorization: Token <jwt>`. The
// algorithm is pinned to HS256: a token that claims another algorithm
// (including "none") is rejected before its signature is looked at.
//
// Every token names its key in the `kid` header (a hash of the secret, not
// the secret), so the secret can rotate: set the new one as Secret and keep
// the old one in Previous for one TTL; tokens signed with either verify,
// new ones are signed with Secret.
type Tokens struct {
	Secret   []byte
	Previous [][]byte
	TTL      time.Duration
	Now      func() time.Time // nil means time.Now
}

const issuer = "conduit"

// claims are the registered claims plus gen, the user's token generation.
type claims struct {
	jwt.RegisteredClaims
	Gen string `json:"gen"`
}

// keyID names a secret without revealing it.
func keyID(secret []byte) string {
	sum := sha256.Sum256(secret)
	return hex.EncodeToString(sum[:6])
}

// Issue returns a signed token whose subject is userID, carrying gen.
func (t *Tokens) Issue(userID int64, gen string) (string, error) {
	now := t.now()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   strconv.FormatInt(userID, 10),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.TTL)),
		},
		Gen: gen,
	})
	tok.Header["kid"] = keyID(t.Secret)
	s, err := tok.SignedString(t.Secret)
	if err != nil {
		return "", fmt.Errorf("httpapi: sign token: %w", err)
	}
	return s, nil
}

// Verify returns the user ID and token generation of a valid, unexpired
// token of ours, signed with Secret or one of Previous.
func (t *Tokens) Verify(token string) (id int64, gen string, err error) {
	var c claims
	_, err = jwt.ParseWithClaims(token, &c, t.key,
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		return 0, "", fmt.Errorf("httpapi: verify token: %w", err)
	}
	id, err = strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", errors.New("httpapi: verify token: bad subject")
	}
	return id, c.Gen, nil
}

// key finds the secret the token's kid names.
func (t *Tokens) key(tok *jwt.Token) (any, error) {
	kid, _ := tok.Header["kid"].(string)
	for _, secret := range append([][]byte{t.Secret}, t.Previous...) {
		if kid == keyID(secret) {
			return secret, nil
		}
	}
	return nil, fmt.Errorf("unknown key id %q", kid)
}

func (t *Tokens) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}
