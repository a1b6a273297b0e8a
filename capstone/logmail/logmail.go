// Package logmail is the default mail transport: it writes each email to
// the log instead of sending it, so sign-up works with nothing installed
// and a developer sees what would have gone out. Set SMTP_URL to send.
package logmail

import (
	"context"
	"log/slog"

	"workbook/capstone/service"
)

// Mailer logs emails at Info: recipient, subject, Message-ID and the text
// part, unless the email is marked Secret.
type Mailer struct{ Logger *slog.Logger }

var _ service.Mailer = Mailer{}

// Send logs e — without its content when it carries a secret (a reset
// link in a log is a password reset for whoever reads the log).
func (m Mailer) Send(ctx context.Context, e service.Email) error {
	text := e.Text
	if e.Secret {
		text = "[not logged: it holds a credential; set SMTP_URL to receive it]"
	}
	m.Logger.InfoContext(ctx, "email (not sent: SMTP_URL is unset)",
		"to", e.To, "subject", e.Subject, "message_id", e.MessageID, "lang", e.Lang, "text", text)
	return nil
}
