package main

import (
	"net/http"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Multi-factor authentication with TOTP (RFC 6238): the server and the
// user's authenticator app share a secret and both derive a 6-digit code
// from it and the current 30-second time step. The codes come from
// github.com/pquerna/otp; exercise 2 builds the algorithm itself from first
// principles. This file is the server side of enrolling and checking.

const totpPeriod = 30 // seconds

// totpOpts spells out what the otpauth:// URI promises the app: SHA1, six
// digits, 30-second steps. Skew is 0 because matchTOTP walks the drift
// window itself, one step at a time, to learn which step matched.
var totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// matchTOTP finds the step, among now+1, now and now-1 (clock drift
// between phone and server), whose code is code. totp.ValidateCustom with
// Skew 1 would only say yes or no; single use needs the step itself.
func matchTOTP(secret, code string, now time.Time) (step uint64, ok bool) {
	if len(code) != 6 || now.Unix() < totpPeriod {
		return 0, false
	}
	const period = totpPeriod * time.Second
	for _, t := range []time.Time{now.Add(period), now, now.Add(-period)} {
		if valid, err := totp.ValidateCustom(code, secret, t, totpOpts); err == nil && valid {
			return uint64(t.Unix()) / totpPeriod, true
		}
	}
	return 0, false
}

// useOTP accepts code for user id at most once: the step must be later
// than the last one accepted, so a code seen over a shoulder is spent.
func (s *userStore) useOTP(id, code string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.byID[id]
	if !ok || !u.MFAEnabled {
		return false
	}
	step, ok := matchTOTP(u.totpSecret, code, now)
	if !ok || step <= u.lastOTPStep {
		return false
	}
	u.lastOTPStep = step
	return true
}

// handleMFAEnroll makes a new secret for the caller and returns it as the
// otpauth:// URI that authenticator apps read from a QR code. MFA is not
// on until the user proves the app works with /mfa/confirm.
func (s *server) handleMFAEnroll(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	s.users.mu.Lock()
	u, ok := s.users.byID[c.Subject]
	var key *otp.Key
	var err error
	if ok {
		key, err = totp.Generate(totp.GenerateOpts{
			Issuer: "workbook", AccountName: u.Email,
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
			SecretSize: 20, // 160 bits, the RFC 4226 recommendation for SHA1
		})
		if err == nil {
			u.pendingTOTP = key.Secret() // base32, no padding
		}
	}
	s.users.mu.Unlock()
	switch {
	case !ok:
		writeProblem(w, r, http.StatusUnauthorized, "the account of this token no longer exists")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.audit(r, "mfa.enroll_started", "user", c.Subject)
	writeJSON(w, http.StatusOK, map[string]string{"secret": key.Secret(), "otpauth_uri": key.URL()})
}

// handleMFAConfirm turns MFA on once a code from the new secret checks out.
func (s *server) handleMFAConfirm(w http.ResponseWriter, r *http.Request, c *accessClaims) {
	var in struct {
		Code string `json:"code"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	s.users.mu.Lock()
	u, ok := s.users.byID[c.Subject]
	var step uint64
	var matched bool
	if ok && u.pendingTOTP != "" {
		if step, matched = matchTOTP(u.pendingTOTP, in.Code, s.cfg.Now()); matched {
			u.totpSecret, u.pendingTOTP, u.MFAEnabled, u.lastOTPStep = u.pendingTOTP, "", true, step
		}
	}
	pending := ok && u.pendingTOTP != ""
	s.users.mu.Unlock()
	switch {
	case !ok:
		writeProblem(w, r, http.StatusUnauthorized, "the account of this token no longer exists")
	case !matched && !pending:
		writeProblem(w, r, http.StatusConflict, "no enrollment in progress: POST /mfa/enroll first")
	case !matched:
		writeProblem(w, r, http.StatusUnprocessableEntity, "code does not match the enrolled secret; check the app's clock")
	default:
		s.audit(r, "mfa.enabled", "user", c.Subject)
		w.WriteHeader(http.StatusNoContent)
	}
}
