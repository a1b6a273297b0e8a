package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Multi-factor authentication with TOTP (RFC 6238): the server and the
// user's authenticator app share a secret and both derive a 6-digit code
// from it and the current 30-second time step. Exercise 2 builds the
// algorithm in full; this is the server side of enrolling and checking.

const totpPeriod = 30 // seconds

// totpCode is HOTP (RFC 4226) over the time step: HMAC-SHA1, dynamic
// truncation, six decimal digits.
func totpCode(secret []byte, step uint64) string {
	mac := hmac.New(sha1.New, secret)
	mac.Write(binary.BigEndian.AppendUint64(nil, step))
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	return fmt.Sprintf("%06d", (binary.BigEndian.Uint32(sum[off:off+4])&0x7fffffff)%1_000_000)
}

// matchTOTP finds the step, among now-1, now and now+1 (clock drift
// between phone and server), whose code is code.
func matchTOTP(secret []byte, code string, now time.Time) (step uint64, ok bool) {
	if len(code) != 6 || now.Unix() < totpPeriod {
		return 0, false
	}
	cur := uint64(now.Unix()) / totpPeriod
	for _, st := range []uint64{cur - 1, cur, cur + 1} {
		if subtle.ConstantTimeCompare([]byte(totpCode(secret, st)), []byte(code)) == 1 {
			step, ok = st, true
		}
	}
	return step, ok
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

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
	secret := make([]byte, 20) // 160 bits, the RFC 4226 recommendation for SHA1
	rand.Read(secret)
	s.users.mu.Lock()
	u, ok := s.users.byID[c.Subject]
	if ok {
		u.pendingTOTP = secret
	}
	s.users.mu.Unlock()
	if !ok {
		writeProblem(w, r, http.StatusUnauthorized, "the account of this token no longer exists")
		return
	}
	enc := b32.EncodeToString(secret)
	uri := url.URL{Scheme: "otpauth", Host: "totp", Path: "/workbook:" + u.Email,
		RawQuery: url.Values{"secret": {enc}, "issuer": {"workbook"}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}.Encode()}
	s.audit(r, "mfa.enroll_started", "user", c.Subject)
	writeJSON(w, http.StatusOK, map[string]string{"secret": enc, "otpauth_uri": uri.String()})
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
	if ok && u.pendingTOTP != nil {
		if step, matched = matchTOTP(u.pendingTOTP, in.Code, s.cfg.Now()); matched {
			u.totpSecret, u.pendingTOTP, u.MFAEnabled, u.lastOTPStep = u.pendingTOTP, nil, true, step
		}
	}
	pending := ok && u.pendingTOTP != nil
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
