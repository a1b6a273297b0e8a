package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

// SignatureHeader carries hex(HMAC-SHA256(webhook secret, raw body)).
// Real providers sign their webhooks too, each in its own way; the shape
// below is a generic one, not any provider's.
const SignatureHeader = "X-Webhook-Signature"

// bounceEvent is one delivery event, shaped like the generic JSON most
// providers post: {"type":"bounce","email":"…","bounceType":"hard"}.
type bounceEvent struct {
	Type       string `json:"type"` // bounce | complaint
	Email      string `json:"email"`
	BounceType string `json:"bounceType,omitempty"` // hard | soft
}

func (s *server) handleBounceWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		problem.Error(w, r, http.StatusRequestEntityTooLarge, "the webhook body is larger than 64 KiB")
		return
	}
	m := hmac.New(sha256.New, s.webhookSecret)
	m.Write(body)
	got, err := hex.DecodeString(r.Header.Get(SignatureHeader))
	if err != nil || !hmac.Equal(got, m.Sum(nil)) {
		problem.Error(w, r, http.StatusUnauthorized, SignatureHeader+" is missing or does not match the body")
		return
	}
	var ev bounceEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		problem.Error(w, r, http.StatusBadRequest, "the body is not a JSON event object")
		return
	}
	var fields []problem.FieldError
	if ev.Type != "bounce" && ev.Type != "complaint" {
		fields = append(fields, problem.FieldError{Pointer: "/type", Detail: `must be "bounce" or "complaint"`})
	}
	if !strings.Contains(ev.Email, "@") {
		fields = append(fields, problem.FieldError{Pointer: "/email", Detail: "must be an email address"})
	}
	if len(fields) > 0 {
		writeFieldErrors(w, r, fields)
		return
	}
	// A soft bounce (mailbox full) is temporary: only a hard bounce or a
	// complaint stops future mail.
	if ev.Type == "complaint" || ev.BounceType != "soft" {
		s.prefs.Suppress(ev.Email, ev.Type)
	}
	w.WriteHeader(http.StatusNoContent)
}
