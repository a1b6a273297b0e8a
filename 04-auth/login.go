package main

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
)

// tokenResponse is the body of a successful login or refresh (the field
// names are OAuth 2.0's, RFC 6749 §5.1, so any client library reads them).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
}

// authenticate checks a password login, enforcing the login rate limit and
// writing the audit trail. On failure it has already answered the client.
func (s *server) authenticate(w http.ResponseWriter, r *http.Request, c credentials) (account, bool) {
	if c.Email == "" || c.Password == "" {
		writeProblem(w, r, http.StatusBadRequest, "email and password are required")
		return account{}, false
	}
	if len(c.Password) > 1024 {
		writeProblem(w, r, http.StatusBadRequest, "password is longer than 1024 bytes")
		return account{}, false
	}
	key := strings.ToLower(c.Email) + "|" + clientIP(r)
	if ok, wait := s.limiter.allow(key); !ok {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		s.audit(r, "login.blocked", "email", strings.ToLower(c.Email), "retry_after_s", secs)
		writeProblem(w, r, http.StatusTooManyRequests, "too many failed logins for this account from your address; retry in "+strconv.Itoa(secs)+"s")
		return account{}, false
	}
	u, err := s.users.byEmailAddr(c.Email)
	hash := u.PasswordHash
	if errors.Is(err, errUserNotFound) {
		hash = s.dummyHash // same cost as a real check: no timing oracle for "which emails exist"
	}
	match, verr := verifyPassword(hash, c.Password)
	if verr != nil {
		s.internalError(w, r, verr)
		return account{}, false
	}
	if err != nil || !match {
		s.limiter.fail(key)
		reason := "bad_password"
		if err != nil {
			reason = "unknown_email"
		}
		s.audit(r, "login.failure", "email", strings.ToLower(c.Email), "reason", reason)
		// One message for both cases, so the response does not tell an
		// attacker which emails are registered.
		writeProblem(w, r, http.StatusUnauthorized, "email or password is wrong")
		return account{}, false
	}
	if u.MFAEnabled {
		if c.OTP == "" {
			s.audit(r, "login.mfa_required", "user", u.ID)
			writeProblem(w, r, http.StatusUnauthorized, `this account uses two-factor authentication: send "otp" with the 6-digit code from your authenticator app`)
			return account{}, false
		}
		if !s.users.useOTP(u.ID, c.OTP, s.cfg.Now()) {
			// A wrong code counts against the limit like a wrong password:
			// 6 digits are only a million guesses.
			s.limiter.fail(key)
			s.audit(r, "login.failure", "email", strings.ToLower(c.Email), "reason", "bad_otp")
			writeProblem(w, r, http.StatusUnauthorized, "one-time code is wrong, expired or already used")
			return account{}, false
		}
	}
	s.limiter.reset(key)
	if needsRehash(u.PasswordHash, s.cfg.Argon2) {
		if h, err := hashPassword(s.cfg.Argon2, c.Password); err == nil {
			s.users.setHash(u.ID, h)
		}
	}
	return u, true
}

func (s *server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decodeJSON(w, r, &c) {
		return
	}
	u, ok := s.authenticate(w, r, c)
	if !ok {
		return
	}
	access, err := s.issueAccessToken(u, "")
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	refresh := s.refresh.issue(u.ID)
	s.audit(r, "login.success", "user", u.ID, "method", "password+token")
	writeJSON(w, http.StatusOK, tokenResponse{
		AccessToken: access, TokenType: "Bearer", ExpiresIn: int(s.cfg.AccessTTL.Seconds()), RefreshToken: refresh,
	})
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// readRefreshToken decodes {"refresh_token": "..."} from r, answering 4xx
// itself (and returning false) when the body is malformed or the token empty.
func readRefreshToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	var req refreshRequest
	if !decodeJSON(w, r, &req) {
		return "", false
	}
	if req.RefreshToken == "" {
		writeProblem(w, r, http.StatusBadRequest, "refresh_token is required")
		return "", false
	}
	return req.RefreshToken, true
}

func (s *server) handleRefresh(w http.ResponseWriter, r *http.Request) {
	token, ok := readRefreshToken(w, r)
	if !ok {
		return
	}
	userID, next, family, err := s.refresh.rotate(token)
	if err != nil {
		event := "token.refresh_rejected"
		if errors.Is(err, errRefreshReused) {
			event = "token.reuse_detected"
		}
		s.audit(r, event, "user", userID, "family", family, "reason", err.Error())
		writeProblem(w, r, http.StatusUnauthorized, err.Error())
		return
	}
	u, err := s.users.get(userID)
	if err != nil {
		writeProblem(w, r, http.StatusUnauthorized, "the account of this refresh token no longer exists")
		return
	}
	access, err := s.issueAccessToken(u, "")
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.audit(r, "token.refreshed", "user", u.ID, "family", family)
	writeJSON(w, http.StatusOK, tokenResponse{
		AccessToken: access, TokenType: "Bearer", ExpiresIn: int(s.cfg.AccessTTL.Seconds()), RefreshToken: next,
	})
}

// handleLogout revokes the refresh-token family. The access token stays
// valid until it expires — the price of stateless tokens, kept small by a
// short AccessTTL.
func (s *server) handleLogout(w http.ResponseWriter, r *http.Request) {
	token, ok := readRefreshToken(w, r)
	if !ok {
		return
	}
	if family, ok := s.refresh.revoke(token); ok {
		s.audit(r, "logout", "family", family)
	}
	w.WriteHeader(http.StatusNoContent)
}
