package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"workbook/capstone/conduit"
)

type userKey struct{}

// authenticate reads `Authorization: Token <jwt>` (or `Bearer <jwt>`) on
// /api/ paths. A
// request without the header goes on anonymously; one with a bad or expired
// token is answered 401 even on endpoints that allow anonymous access, so a
// client learns its token is stale instead of silently losing its identity.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" || !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !(strings.EqualFold(scheme, "Token") || strings.EqualFold(scheme, "Bearer")) {
			writeErrors(w, http.StatusUnauthorized, "Authorization header must be 'Token <jwt>'")
			return
		}
		if r, ok := s.withTokenUser(w, r, strings.TrimSpace(token)); ok {
			next.ServeHTTP(w, r)
		}
	})
}

// withTokenUser verifies token and returns r carrying its user, or answers
// 401 (or the store's error) and false.
func (s *Server) withTokenUser(w http.ResponseWriter, r *http.Request, token string) (*http.Request, bool) {
	id, gen, err := s.tokens.Verify(token)
	if err != nil {
		writeErrors(w, http.StatusUnauthorized, "token is invalid or expired")
		return nil, false
	}
	// A valid signature is not enough: the user must still exist and
	// the token must be of its current generation (not issued before a
	// password change, nor to an earlier account with this ID).
	u, err := s.users.UserByID(r.Context(), id)
	if conduit.ErrorCode(err) == conduit.ENOTFOUND || (err == nil && subtle.ConstantTimeCompare([]byte(u.TokenGen), []byte(gen)) != 1) {
		writeErrors(w, http.StatusUnauthorized, "token is invalid or expired")
		return nil, false
	} else if err != nil {
		s.Error(w, r, err)
		return nil, false
	}
	return r.WithContext(context.WithValue(r.Context(), userKey{}, id)), true
}

// viewer returns the authenticated user's ID, or 0 for an anonymous request.
func viewer(r *http.Request) int64 {
	id, _ := r.Context().Value(userKey{}).(int64)
	return id
}

// requireUser returns the authenticated user's ID, or answers 401 and false.
func requireUser(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id := viewer(r)
	if id == 0 {
		w.Header().Set("WWW-Authenticate", `Token realm="conduit"`)
		writeErrors(w, http.StatusUnauthorized, "authentication required: send 'Authorization: Token <jwt>'")
		return 0, false
	}
	return id, true
}
