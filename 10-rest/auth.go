package main

import (
	"net/http"
	"strings"
)

// demoTokens stands in for real authentication (04-auth issues and checks
// JWTs) so this chapter can show what 401 and 403 mean without building
// auth again. Never ship a token table in code.
var demoTokens = map[string]string{
	"jake-token": "jake",
	"ann-token":  "ann",
}

// viewer returns who is calling: "" when no Authorization header is sent.
// A header that is present but wrong is a 401 even on a GET, rather than
// being silently treated as anonymous.
func viewer(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Token") {
		return "", newProblem("unauthenticated", "use 'Authorization: Token <token>'")
	}
	user, ok := demoTokens[strings.TrimSpace(token)]
	if !ok {
		return "", newProblem("unauthenticated", "the token is not valid")
	}
	return user, nil
}

// requireUser is viewer for routes that need someone logged in: 401 when
// nobody is.
func requireUser(r *http.Request) (string, error) {
	u, err := viewer(r)
	if err == nil && u == "" {
		err = newProblem("unauthenticated", "this request needs 'Authorization: Token <token>'")
	}
	return u, err
}
