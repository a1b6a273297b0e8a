package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"workbook/capstone/conduit"
)

// ResetTTL is how long a password-reset link works.
const ResetTTL = time.Hour

// JobPasswordReset is the kind of the reset-email job; Key is the user ID.
// The job makes the token itself, so the token never sits in the queue.
const JobPasswordReset = "email.password_reset"

// hashToken is what the store keeps of a reset token: its SHA-256, so a
// leaked table resets no password. (The token has 256 random bits, so no
// slow hash is needed to stop guessing.)
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RequestPasswordReset queues a reset email for the account of email, if
// there is one. It answers the same either way, so it tells nobody which
// emails have accounts.
func (s *Users) RequestPasswordReset(ctx context.Context, email, lang string) error {
	email = strings.TrimSpace(email)
	if email == "" {
		return conduit.Errorf(conduit.EINVALID, "email can't be blank")
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if conduit.ErrorCode(err) == conduit.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if s.Jobs == nil || s.Emails == nil {
		return conduit.Errorf(conduit.EUNAVAILABLE, "password reset is not configured")
	}
	return s.Jobs.Publish(context.WithoutCancel(ctx), userJob(JobPasswordReset, u.ID, PickLanguage(lang)))
}

// ResetPassword sets a new password with a reset token: the token works
// once and for ResetTTL; the new password signs out every older token.
func (s *Users) ResetPassword(ctx context.Context, token, password string) (*conduit.User, error) {
	if err := conduit.ValidatePasswordReset(token, password); err != nil {
		return nil, err
	}
	resets, ok := s.Store.(ResetStore)
	if !ok {
		return nil, conduit.Errorf(conduit.EUNAVAILABLE, "password reset is not configured")
	}
	id, err := resets.TakeReset(ctx, hashToken(token), time.Now())
	if conduit.ErrorCode(err) == conduit.ENOTFOUND {
		return nil, conduit.Errorf(conduit.EINVALID, "reset token is invalid or expired")
	} else if err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	gen := newTokenGen()
	return s.Store.UpdateUser(ctx, id, UserChanges{PasswordHash: &hash, TokenGen: &gen})
}

// HandleReset is the JobHandler of JobPasswordReset: it makes a token,
// keeps its hash, and mails the link. A retried job mails a new link; each
// works once.
func (w *AccountEmails) HandleReset(ctx context.Context, j Job) error {
	id, lang, err := parseUserJob(j)
	if err != nil {
		return err
	}
	resets, ok := w.Users.(ResetStore)
	if !ok {
		return fmt.Errorf("%w: the user store keeps no reset tokens", ErrPermanent)
	}
	u, err := w.Users.UserByID(ctx, id)
	if err != nil {
		return err
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw) // crypto/rand.Read never fails on supported platforms
	token := base64.RawURLEncoding.EncodeToString(raw)
	if err := resets.SaveReset(ctx, hashToken(token), u.ID, time.Now().Add(ResetTTL)); err != nil {
		return err
	}
	link := w.BaseURL + "/reset-password?token=" + url.QueryEscape(token)
	subject, text, html, err := render("reset", lang, struct{ Username, Link string }{u.Username, link})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return w.Mailer.Send(ctx, Email{To: u.Email, Subject: subject, Text: text, HTML: html, Lang: lang, Secret: true,
		MessageID: fmt.Sprintf("<reset-%d-%s@%s>", u.ID, token[:8], w.Domain)})
}
