package main

import (
	"encoding/base32"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

func TestMatchTOTPAgainstRFC6238(t *testing.T) {
	// RFC 6238 Appendix B, SHA1 rows, last six of the eight digits: the
	// server's totpOpts must be the algorithm the otpauth:// URI promises.
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))
	for _, tc := range []struct {
		unix int64
		code string
	}{{59, "287082"}, {1111111109, "081804"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		want := uint64(tc.unix) / totpPeriod
		at := time.Unix(tc.unix, 0)
		for _, drift := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
			if at.Add(drift).Unix() < totpPeriod {
				continue // the first 30 s of 1970 have no step before them; matchTOTP refuses them
			}
			if step, ok := matchTOTP(secret, tc.code, at.Add(drift)); !ok || step != want {
				t.Errorf("matchTOTP(%q) at t=%d%+v = step %d, %v; want step %d, true", tc.code, tc.unix, drift, step, ok, want)
			}
		}
		for _, drift := range []time.Duration{-60 * time.Second, 60 * time.Second} {
			if step, ok := matchTOTP(secret, tc.code, at.Add(drift)); ok {
				t.Errorf("matchTOTP(%q) at t=%d%+v = step %d, true; want false: outside the ±1 step window", tc.code, tc.unix, drift, step)
			}
		}
		if _, ok := matchTOTP(secret, " "+tc.code, at); ok {
			t.Errorf("matchTOTP accepted %q, which is not six digits (the library trims spaces; the server does not)", " "+tc.code)
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
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(enrolled.Secret)
	if err != nil || len(secret) != 20 {
		t.Fatalf("enroll secret %q decodes to %d bytes (%v), want 20", enrolled.Secret, len(secret), err)
	}
	uri, err := url.Parse(enrolled.OTPAuthURI)
	if err != nil || uri.Scheme != "otpauth" || uri.Host != "totp" || uri.Query().Get("secret") != enrolled.Secret || uri.Query().Get("issuer") != "workbook" {
		t.Errorf("otpauth_uri = %q, want otpauth://totp/…?secret=…&issuer=workbook", enrolled.OTPAuthURI)
	}
	for k, want := range map[string]string{"algorithm": "SHA1", "digits": "6", "period": "30"} {
		if got := uri.Query().Get(k); got != want {
			t.Errorf("otpauth_uri %s = %q, want %q: the app must compute what the server checks", k, got, want)
		}
	}
	if uri.Path != "/workbook:ada@example.com" {
		t.Errorf("otpauth_uri label = %q, want /workbook:ada@example.com", uri.Path)
	}

	// The authenticator app's side, from the library with the URI's settings.
	code := func() string {
		c, err := totp.GenerateCodeCustom(enrolled.Secret, e.clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
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
