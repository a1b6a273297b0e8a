package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"

	"workbook/serve/problem/problemtest"
	"workbook/testinfra"
)

var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := loadDKIMKey("", slog.New(slog.DiscardHandler))
	if err != nil {
		panic(err)
	}
	return k.(*rsa.PrivateKey)
})

func newTestApp(t *testing.T, smtpAddr string) (*server, *mailer) {
	t.Helper()
	cfg, err := parseConfig([]string{"-smtp-addr", smtpAddr, "-max-attempts", "2"}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s, m, err := newApp(cfg, testKey(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	m.poll = 20 * time.Millisecond
	m.policy.base, m.policy.cap = time.Millisecond, 5*time.Millisecond
	return s, m
}

func startWorker(t *testing.T, m *mailer) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { m.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func post(t *testing.T, h http.Handler, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestWelcomeArrivesOnceSignedAndLocalized delivers to Mailpit and checks
// what arrived: one welcome despite a repeated request, both parts, the
// German template, and a DKIM signature that verifies.
func TestWelcomeArrivesOnceSignedAndLocalized(t *testing.T) {
	box := testinfra.SMTP(t)
	s, m := newTestApp(t, box.Addr)
	h := problemtest.WatchErrors(t, s.routes())
	body := `{"userId":"u1","email":"` + box.To + `","name":"Ada","lang":"de"}`
	if rec := post(t, h, "/users", body); rec.Code != http.StatusAccepted {
		t.Fatalf("first signup = %d %s", rec.Code, rec.Body)
	}
	if rec := post(t, h, "/users", body); rec.Code != http.StatusOK {
		t.Fatalf("repeated signup = %d, want 200 (same email)", rec.Code)
	}
	startWorker(t, m)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := box.Wait(ctx, 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the worker has nothing else to send; a second copy would be a bug
	msgs, err := box.Wait(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d welcome emails, want 1", len(msgs))
	}
	got := msgs[0]
	if got.Subject != "Willkommen bei Workbook, Ada!" {
		t.Errorf("Subject = %q", got.Subject)
	}
	if !strings.Contains(got.Text, "Hallo Ada") || strings.Contains(got.Text, "<") {
		t.Errorf("text part = %q", got.Text)
	}
	if !strings.Contains(got.HTML, `<a href="https://mail.workbook.test/start">`) {
		t.Errorf("HTML part = %q", got.HTML)
	}
	if ct := got.Headers["Content-Type"]; len(ct) != 1 || !strings.HasPrefix(ct[0], "multipart/alternative;") {
		t.Errorf("Content-Type = %q", ct)
	}
	if len(got.Headers["List-Unsubscribe"]) != 0 {
		t.Errorf("a welcome email carries List-Unsubscribe %q", got.Headers["List-Unsubscribe"])
	}
	raw := rawMessage(t, box, got.ID)
	pub, _ := x509.MarshalPKIXPublicKey(&testKey().PublicKey)
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{LookupTXT: func(domain string) ([]string, error) {
		if domain != "wb2026._domainkey.workbook.test" {
			t.Errorf("DKIM looked up %q", domain)
		}
		return []string{"v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(pub)}, nil
	}})
	if err != nil || len(vs) != 1 || vs[0].Err != nil || vs[0].Domain != "workbook.test" {
		t.Fatalf("DKIM verification = %v, %v", vs, err)
	}
}

func rawMessage(t *testing.T, box *testinfra.Mailbox, id string) []byte {
	t.Helper()
	resp, err := http.Get(box.APIURL + "/api/v1/message/" + url.PathEscape(id) + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

// TestNewsletterUnsubscribe: marketing mail carries the RFC 8058 headers;
// a one-click POST to that URL stops the next newsletter, while a
// password reset still arrives; a signed bounce suppresses everything.
func TestNewsletterUnsubscribe(t *testing.T) {
	box := testinfra.SMTP(t)
	s, m := newTestApp(t, box.Addr)
	h := problemtest.WatchErrors(t, s.routes())
	startWorker(t, m)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	post(t, h, "/newsletters", `{"email":"`+box.To+`","name":"Ada","body":"News!"}`)
	msgs, err := box.Wait(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	lu := msgs[0].Headers["List-Unsubscribe"]
	if len(lu) != 1 || !strings.HasPrefix(lu[0], "<https://mail.workbook.test/unsubscribe?token=") || !strings.HasSuffix(lu[0], ">") {
		t.Fatalf("List-Unsubscribe = %q", lu)
	}
	if p := msgs[0].Headers["List-Unsubscribe-Post"]; len(p) != 1 || p[0] != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", p)
	}
	u, _ := url.Parse(strings.Trim(lu[0], "<>"))
	if !strings.Contains(msgs[0].HTML, u.RawQuery) {
		t.Errorf("the HTML part has no unsubscribe link")
	}
	req := httptest.NewRequest(http.MethodPost, u.RequestURI(), strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("one-click unsubscribe = %d %s", rec.Code, rec.Body)
	}
	post(t, h, "/newsletters", `{"email":"`+box.To+`","name":"Ada","body":"More news"}`)
	post(t, h, "/password-resets", `{"email":"`+box.To+`","name":"Ada"}`)
	msgs, err = box.Wait(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[1].Subject != "Reset your password" {
		t.Errorf("second email = %q, want the password reset", msgs[1].Subject)
	}
	waitState(t, s, 2, stateSkipped)

	ev := `{"type":"bounce","email":"` + box.To + `","bounceType":"hard"}`
	mac := hmac.New(sha256.New, []byte("dev-webhook-secret"))
	mac.Write([]byte(ev))
	req = httptest.NewRequest(http.MethodPost, "/webhooks/bounces", strings.NewReader(ev))
	req.Header.Set(SignatureHeader, hex.EncodeToString(mac.Sum(nil)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("webhook = %d %s", rec.Code, rec.Body)
	}
	post(t, h, "/password-resets", `{"email":"`+box.To+`","name":"Ada"}`)
	waitState(t, s, 4, stateSkipped)
}

func waitState(t *testing.T, s *server, id int, state string) {
	t.Helper()
	for range 200 {
		for _, e := range s.outbox.List() {
			if e.ID == id && e.State == state {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	b, _ := json.Marshal(s.outbox.List())
	t.Fatalf("email %d never reached %s: %s", id, state, b)
}

// TestRetryThenDeadLetter: with no SMTP server, an email is tried
// maxAttempts times and dead-lettered; a password reset is due before an
// older newsletter.
func TestRetryThenDeadLetter(t *testing.T) {
	s, m := newTestApp(t, "127.0.0.1:1")
	h := problemtest.WatchErrors(t, s.routes())
	post(t, h, "/newsletters", `{"email":"a@b.test","name":"Ada","body":"x"}`)
	post(t, h, "/password-resets", `{"email":"a@b.test","name":"Ada"}`)
	if e, _ := s.outbox.Due(time.Now()); e.Kind != "password-reset" {
		t.Errorf("first due = %s, want password-reset", e.Kind)
	}
	startWorker(t, m)
	waitState(t, s, 1, stateDead)
	waitState(t, s, 2, stateDead)
	if e := s.outbox.List()[0]; e.Attempts != 2 || e.LastErr == "" {
		t.Errorf("dead email = %+v, want 2 attempts and an error", e)
	}
}
