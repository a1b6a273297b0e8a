package service

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	texttemplate "text/template"
)

// Email is one message to send: a text and an HTML part of one content.
// MessageID is stable for one effect (the welcome of user 7), so a mail
// that is sent twice after a retry carries the same Message-ID, which
// receivers and archives use to spot the duplicate.
type Email struct {
	To, Subject, Text, HTML string
	MessageID               string
	Lang                    string
	// Secret marks an email that carries a credential (a reset link): a
	// transport that logs must not log its content.
	Secret bool
}

// Mailer is the port of an outgoing mail transport: SMTP (SMTP_URL) or the
// log (the default, so sign-up works with nothing installed).
type Mailer interface {
	Send(ctx context.Context, e Email) error
}

//go:embed templates
var templateFiles embed.FS

// Languages the templates exist in; the first is the fallback.
var emailLanguages = []string{"en", "de"}

// PickLanguage returns the first language of an Accept-Language header the
// templates exist in ("de-AT;q=0.9, en;q=0.8" → de), else "en". Weights
// are honoured by order only: a client lists its preference first.
func PickLanguage(acceptLanguage string) string {
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		for _, l := range emailLanguages {
			if primary == l {
				return l
			}
		}
	}
	return emailLanguages[0]
}

// welcomeData is what the welcome templates see.
type welcomeData struct {
	Username, BaseURL string
}

// emailTemplate is one email's templates in one language.
type emailTemplate struct {
	text *texttemplate.Template // "subject" and "text"
	html *htmltemplate.Template // "html"
}

// emailTemplates are parsed once, at start: templates/name.lang.{txt,html}
// for every email and language (a missing or broken file stops the
// program at start, never a job later).
var emailTemplates = func() map[string]emailTemplate {
	m := map[string]emailTemplate{}
	for _, name := range []string{"welcome", "reset", "digest"} {
		for _, lang := range emailLanguages {
			base := "templates/" + name + "." + lang
			m[name+"."+lang] = emailTemplate{
				text: texttemplate.Must(texttemplate.ParseFS(templateFiles, base+".txt")),
				html: htmltemplate.Must(htmltemplate.ParseFS(templateFiles, base+".html")),
			}
		}
	}
	return m
}()

// render renders email name in lang: subject and text with text/template,
// the HTML part with html/template, which escapes the username (a name is
// user input) in HTML context. An unknown lang falls back to the first
// language.
func render(name, lang string, d any) (subject, text, html string, err error) {
	if !slices.Contains(emailLanguages, lang) {
		lang = emailLanguages[0]
	}
	t, ok := emailTemplates[name+"."+lang]
	if !ok {
		return "", "", "", fmt.Errorf("service: no email template %s.%s", name, lang)
	}
	var s, tx, h bytes.Buffer
	if err := t.text.ExecuteTemplate(&s, "subject", d); err != nil {
		return "", "", "", err
	}
	if err := t.text.ExecuteTemplate(&tx, "text", d); err != nil {
		return "", "", "", err
	}
	if err := t.html.ExecuteTemplate(&h, "html", d); err != nil {
		return "", "", "", err
	}
	return s.String(), tx.String(), h.String(), nil
}

// JobWelcomeEmail is the kind of the welcome job; Key is the user ID and
// the payload {"lang": "de"}.
const JobWelcomeEmail = "email.welcome"

// AccountEmails sends the emails of an account — the welcome and the
// password reset — each as a job.
type AccountEmails struct {
	Users   UserStore
	Mailer  Mailer
	BaseURL string // of the web front end, for the links
	Domain  string // of Message-IDs
	// Effects, when set, records each welcome and digest sent (by its
	// Message-ID), so a job delivered again after it sent — a worker
	// killed before its ack — sends nothing.
	Effects EffectStore
	Logger  *slog.Logger
}

// sendOnce hands e to the mailer unless an email with its Message-ID was
// sent before. The record is written after the mail server took the
// message: a crash between the two sends it once more, under the same
// Message-ID, which receivers use to drop the repeat. That window (one
// SMTP reply to one INSERT) is as narrow as SMTP allows: the server
// cannot take part in our transaction.
func (w *AccountEmails) sendOnce(ctx context.Context, e Email) error {
	key := "email:" + e.MessageID
	if w.Effects != nil {
		sent, err := w.Effects.Claimed(ctx, key)
		if err != nil || sent {
			return err
		}
	}
	if err := w.Mailer.Send(ctx, e); err != nil {
		return err
	}
	if w.Effects != nil {
		if _, err := w.Effects.Claim(ctx, key); err != nil && w.Logger != nil {
			// The mail is out: failing the job would send it again.
			w.Logger.WarnContext(ctx, "email sent but not recorded; a redelivery would repeat it", "message_id", e.MessageID, "err", err)
		}
	}
	return nil
}

// langPayload is the payload of the email jobs: the language to write in.
type langPayload struct {
	Lang string `json:"lang"`
}

// userJob is an email job of kind for user id in lang.
func userJob(kind string, id int64, lang string) Job {
	p, _ := json.Marshal(langPayload{Lang: lang})
	return Job{Kind: kind, Key: strconv.FormatInt(id, 10), Payload: p}
}

// parseUserJob reads the user ID and language of an email job; a job that
// does not parse can never succeed, so its error is permanent.
func parseUserJob(j Job) (id int64, lang string, err error) {
	id, err = strconv.ParseInt(j.Key, 10, 64)
	var p langPayload
	if err == nil && len(j.Payload) > 0 {
		err = json.Unmarshal(j.Payload, &p)
	}
	if err != nil {
		return 0, "", fmt.Errorf("%w: %s job %q: %v", ErrPermanent, j.Kind, j.Key, err)
	}
	return id, p.Lang, nil
}

// Job returns the welcome job of user id in lang.
func (w *AccountEmails) Job(id int64, lang string) Job { return userJob(JobWelcomeEmail, id, lang) }

// Handle is the JobHandler of JobWelcomeEmail.
func (w *AccountEmails) Handle(ctx context.Context, j Job) error {
	id, lang, err := parseUserJob(j)
	if err != nil {
		return err
	}
	u, err := w.Users.UserByID(ctx, id)
	if err != nil {
		return err
	}
	subject, text, html, err := render("welcome", lang, welcomeData{Username: u.Username, BaseURL: w.BaseURL})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return w.sendOnce(ctx, Email{To: u.Email, Subject: subject, Text: text, HTML: html, Lang: lang,
		MessageID: fmt.Sprintf("<welcome-%d@%s>", u.ID, w.Domain)})
}
