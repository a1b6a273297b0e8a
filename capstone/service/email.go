package service

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
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

// renderWelcome renders the welcome email in lang.
func renderWelcome(lang string, d welcomeData) (subject, text, html string, err error) {
	return render("welcome", lang, d)
}

// render renders templates/name.lang.{txt,html}: subject and text with
// text/template, the HTML part with html/template, which escapes the
// username (a name is user input) in HTML context. An unknown lang falls
// back to the first language.
func render(name, lang string, d any) (subject, text, html string, err error) {
	if !slices.Contains(emailLanguages, lang) {
		lang = emailLanguages[0]
	}
	tt, err := texttemplate.ParseFS(templateFiles, "templates/"+name+"."+lang+".txt")
	if err != nil {
		return "", "", "", err
	}
	ht, err := htmltemplate.ParseFS(templateFiles, "templates/"+name+"."+lang+".html")
	if err != nil {
		return "", "", "", err
	}
	var s, t, h bytes.Buffer
	if err := tt.ExecuteTemplate(&s, "subject", d); err != nil {
		return "", "", "", err
	}
	if err := tt.ExecuteTemplate(&t, "text", d); err != nil {
		return "", "", "", err
	}
	if err := ht.ExecuteTemplate(&h, "html", d); err != nil {
		return "", "", "", err
	}
	return s.String(), t.String(), h.String(), nil
}

// JobWelcomeEmail is the kind of the welcome job; Key is the user ID and
// the payload {"lang": "de"}.
const JobWelcomeEmail = "email.welcome"

// Welcomer sends the welcome email of new users, as a job.
type Welcomer struct {
	Users   UserStore
	Mailer  Mailer
	BaseURL string // of the web front end, for the links
	Domain  string // of Message-IDs
}

type welcomePayload struct {
	Lang string `json:"lang"`
}

// Job returns the welcome job of user id in lang.
func (w *Welcomer) Job(id int64, lang string) Job {
	p, _ := json.Marshal(welcomePayload{Lang: lang})
	return Job{Kind: JobWelcomeEmail, Key: strconv.FormatInt(id, 10), Payload: p}
}

// Handle is the JobHandler of JobWelcomeEmail.
func (w *Welcomer) Handle(ctx context.Context, j Job) error {
	id, err := strconv.ParseInt(j.Key, 10, 64)
	var p welcomePayload
	if err == nil && len(j.Payload) > 0 {
		err = json.Unmarshal(j.Payload, &p)
	}
	if err != nil {
		return fmt.Errorf("%w: welcome job %q: %v", ErrPermanent, j.Key, err)
	}
	u, err := w.Users.UserByID(ctx, id)
	if err != nil {
		return err
	}
	subject, text, html, err := renderWelcome(p.Lang, welcomeData{Username: u.Username, BaseURL: w.BaseURL})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return w.Mailer.Send(ctx, Email{To: u.Email, Subject: subject, Text: text, HTML: html, Lang: p.Lang,
		MessageID: fmt.Sprintf("<welcome-%d@%s>", u.ID, w.Domain)})
}
