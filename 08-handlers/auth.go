package main

import (
	"net/http"
	"strings"

	"workbook/08-handlers/article"
)

// authenticator tells a handler who signed a request. The controller gets
// one through its constructor, like the service, so a test can hand it any
// table of users.
type authenticator interface {
	// Authenticate returns the signed-in user of r: "" and no error for a
	// request without credentials, an EUNAUTHORIZED error for bad ones.
	Authenticate(r *http.Request) (string, error)
}

// bearerTokens authenticates `Authorization: Bearer <token>` by looking the
// token up: a stand-in for real authentication, which is chapter 04's job.
type bearerTokens map[string]string

// Authenticate implements authenticator.
func (t bearerTokens) Authenticate(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", nil
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	user, known := t[token]
	if !ok || !known {
		return "", article.Errorf(article.EUNAUTHORIZED, "the bearer token is missing or unknown")
	}
	return user, nil
}
