// Package smtp is the SMTP mail transport, on the standard library's
// net/smtp: chosen when SMTP_URL is set (smtp://user:pass@host:port, or
// smtp://host:port for a relay that needs no login, as Mailpit in tests).
// It writes one multipart/alternative message per email — the text part
// first, the HTML part last, since clients show the last part they can
// render (RFC 2046 §5.1.4) — each quoted-printable, and sends it with
// STARTTLS when the server offers it (net/smtp.SendMail does).
package smtp

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	netsmtp "net/smtp"
	"net/textproto"
	"net/url"
	"time"

	"workbook/capstone/service"
)

// Mailer sends through one SMTP server.
type Mailer struct {
	addr     string
	auth     netsmtp.Auth
	from     string // the From header: "Conduit <no-reply@example.com>"
	envelope string // the MAIL FROM address: no-reply@example.com
}

var _ service.Mailer = (*Mailer)(nil)

// New parses rawURL and returns a Mailer sending as from.
func New(rawURL, from string) (*Mailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, fmt.Errorf("smtp: SMTP_URL must be smtp://[user:pass@]host:port")
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("smtp: from address %q: %w", from, err)
	}
	m := &Mailer{addr: u.Host, from: a.String(), envelope: a.Address}
	if u.User != nil {
		pass, _ := u.User.Password()
		m.auth = netsmtp.PlainAuth("", u.User.Username(), pass, u.Hostname())
	}
	return m, nil
}

// Send builds and sends e.
func (m *Mailer) Send(_ context.Context, e service.Email) error {
	msg, err := Build(m.from, e, time.Now())
	if err != nil {
		return err
	}
	if err := netsmtp.SendMail(m.addr, m.auth, m.envelope, []string{e.To}, msg); err != nil {
		return fmt.Errorf("smtp: send: %w", err)
	}
	return nil
}

// Build writes the RFC 5322 message of e.
func Build(from string, e service.Email, date time.Time) ([]byte, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range []struct{ ctype, content string }{{"text/plain; charset=utf-8", e.Text}, {"text/html; charset=utf-8", e.HTML}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {p.ctype}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(p.content)); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	var msg bytes.Buffer
	for _, h := range [][2]string{
		{"From", from}, {"To", e.To},
		{"Subject", mime.QEncoding.Encode("utf-8", e.Subject)},
		{"Date", date.Format(time.RFC1123Z)},
		{"Message-ID", e.MessageID}, {"Content-Language", e.Lang},
		{"MIME-Version", "1.0"}, {"Content-Type", "multipart/alternative; boundary=" + mw.Boundary()},
	} {
		if h[1] != "" {
			fmt.Fprintf(&msg, "%s: %s\r\n", h[0], h[1])
		}
	}
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return msg.Bytes(), nil
}
