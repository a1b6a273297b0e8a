package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTOTPCodeMatchesRFC6238(t *testing.T) {
	// RFC 6238 Appendix B, SHA1 rows, last six of the eight digits.
	secret := []byte("12345678901234567890")
	for _, tc := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		if got := totpCode(secret, uint64(tc.unix)/totpPeriod); got != tc.want {
			t.Errorf("totpCode(seed, t=%d) = %q, want %q", tc.unix, got, tc.want)
		}
	}
}

func TestMFAEnrollConfirmAndLogin(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "")
	access := bearer(e.login(t, "ada@example.com").AccessToken)

	wantProblem(t, e.do(t, "POST", "/mfa/confirm", `{"code":"123456"}`, access...), http.StatusConflict, "POST /mfa/enroll first")

	w := e.do(t, "POST", "/mfa/enroll", "", access...)
	var enrolled struct {
		Secret     string `json:"secret"`
		OTPAuthURI string `json:"otpauth_uri"`
	}
	decode(t, w.Body, &enrolled)
	secret, err := b32.DecodeString(enrolled.Secret)
	if err != nil || len(secret) != 20 {
		t.Fatalf("enroll secret %q decodes to %d bytes (%v), want 20", enrolled.Secret, len(secret), err)
	}
	uri, err := url.Parse(enrolled.OTPAuthURI)
	if err != nil || uri.Scheme != "otpauth" || uri.Host != "totp" || uri.Query().Get("secret") != enrolled.Secret || uri.Query().Get("issuer") != "workbook" {
		t.Errorf("otpauth_uri = %q, want otpauth://totp/…?secret=…&issuer=workbook", enrolled.OTPAuthURI)
	}

	code := func() string { return totpCode(secret, uint64(e.clock.Now().Unix())/totpPeriod) }
	wantProblem(t, e.do(t, "POST", "/mfa/confirm", `{"code":"000000"}`, access...), http.StatusUnprocessableEntity, "does not match")
	if w := e.do(t, "POST", "/mfa/confirm", `{"code":"`+code()+`"}`, access...); w.Code != http.StatusNoContent {
		t.Fatalf("confirm with a good code = %d %s, want 204", w.Code, w.Body)
	}

	login := func(otp string) *httptest.ResponseRecorder {
		return e.do(t, "POST", "/login", `{"email":"ada@example.com","password":"a long enough password"`+otp+`}`)
	}
	wantProblem(t, login(""), http.StatusUnauthorized, `send "otp"`)
	// The code that confirmed enrollment is spent: same time step, refused.
	wantProblem(t, login(`,"otp":"`+code()+`"`), http.StatusUnauthorized, "already used")
	e.clock.Advance(30 * time.Second)
	if w := login(`,"otp":"` + code() + `"`); w.Code != http.StatusOK {
		t.Fatalf("login with password and a fresh code = %d %s, want 200", w.Code, w.Body)
	}
	if !strings.Contains(e.logs.String(), `"event":"mfa.enabled"`) {
		t.Error("the audit log has no mfa.enabled event")
	}

	// Wrong codes count towards the login limit: guessing is bounded.
	e.clock.Advance(30 * time.Second)
	for range 5 {
		login(`,"otp":"999999"`)
	}
	wantProblem(t, login(`,"otp":"`+code()+`"`), http.StatusTooManyRequests, "too many failed logins")
}

func TestSignupRejectsOTP(t *testing.T) {
	e := newTestEnv(t)
	wantProblem(t, e.do(t, "POST", "/signup", `{"email":"a@example.com","password":"a long enough password","otp":"123456"}`), http.StatusUnprocessableEntity, "otp belongs in a login")
}
