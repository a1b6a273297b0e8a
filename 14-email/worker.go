package main

import (
	"context"
	"errors"
	"log/slog"
	"net/smtp"
	"time"
)

// mailer renders, signs and sends what the outbox holds.
type mailer struct {
	outbox    Outbox
	templates *templates
	prefs     *preferences
	signer    dkimSigner
	smtpAddr  string
	from      string
	publicURL string // base of the links in mail, e.g. https://mail.example.com
	unsub     unsubscribeKeys
	policy    retryPolicy
	poll      time.Duration
	wake      chan struct{}
	logger    *slog.Logger
	now       func() time.Time
}

// Wake tells the worker there is new mail without waiting for the poll.
func (m *mailer) Wake() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Run drains the outbox until ctx is done. An email being sent when ctx is
// cancelled is finished first, so shutdown never leaves one half-recorded.
func (m *mailer) Run(ctx context.Context) {
	t := time.NewTicker(m.poll)
	defer t.Stop()
	for {
		for ctx.Err() == nil {
			e, ok := m.outbox.Due(m.now())
			if !ok {
				break
			}
			m.attempt(e)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-m.wake:
		}
	}
}

func (m *mailer) attempt(e Email) {
	err := m.send(e)
	e.Attempts++
	switch {
	case err == nil:
		e.State, e.LastErr = stateSent, ""
		m.logger.Info("email sent", "id", e.ID, "kind", e.Kind, "to", e.To, "attempt", e.Attempts)
	case errors.Is(err, errSuppressed):
		e.State, e.LastErr = stateSkipped, err.Error()
		m.logger.Info("email skipped", "id", e.ID, "kind", e.Kind, "to", e.To, "reason", err)
	case e.Attempts >= m.policy.maxAttempts:
		e.State, e.LastErr = stateDead, err.Error()
		m.logger.Warn("email dead-lettered", "id", e.ID, "kind", e.Kind, "attempts", e.Attempts, "err", err)
	default:
		e.delay = m.policy.next(e.delay)
		e.NextAt, e.LastErr = m.now().Add(e.delay), err.Error()
		m.logger.Warn("email failed, will retry", "id", e.ID, "kind", e.Kind, "in", e.delay, "err", err)
	}
	m.outbox.Update(e)
}

// send checks suppression and preferences at send time (they may have
// changed since the email was queued), then renders, signs and delivers.
func (m *mailer) send(e Email) error {
	k := kinds[e.Kind]
	if m.prefs.Suppressed(e.To) {
		return errors.Join(errSuppressed, errors.New("address bounced or complained"))
	}
	env := Envelope{From: m.from, To: e.To, Date: m.now()}
	data := map[string]string{}
	for key, v := range e.Data {
		data[key] = v
	}
	if k.marketing {
		if !m.prefs.Allows(e.To, k.category) {
			return errors.Join(errSuppressed, errors.New("unsubscribed from "+k.category))
		}
		env.Unsubscribe = m.publicURL + "/unsubscribe?token=" + m.unsub.Token(e.To, k.category)
		data["Unsubscribe"] = env.Unsubscribe
	}
	r, err := m.templates.Render(e.Kind, e.Version, e.Lang, data)
	if err != nil {
		return err
	}
	msg, err := buildMessage(env, r)
	if err != nil {
		return err
	}
	signed, err := m.signer.Sign(msg)
	if err != nil {
		return err
	}
	return smtp.SendMail(m.smtpAddr, nil, m.from, []string{e.To}, signed)
}

// kind is what the server knows about each email type.
type kind struct {
	priority  int
	category  string // preferences key
	marketing bool   // marketing mail honours unsubscribe; transactional mail does not
}

var kinds = map[string]kind{
	"welcome":        {priority: priorityNormal, category: "account"},
	"password-reset": {priority: priorityUrgent, category: "account"},
	"receipt":        {priority: priorityNormal, category: "billing"},
	"newsletter":     {priority: priorityBulk, category: "newsletter", marketing: true},
}
