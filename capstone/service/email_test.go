package service

import (
	"context"
	"errors"
	"strings"
	"testing"

	"workbook/capstone/conduit"
)

func TestPickLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"": "en", "de": "de", "de-AT;q=0.9, en;q=0.8": "de", "fr, de;q=0.5": "de", "fr": "en", "EN-gb": "en", "*": "en",
	} {
		if got := PickLanguage(header); got != want {
			t.Errorf("PickLanguage(%q) = %q, want %q", header, got, want)
		}
	}
}

// TestRenderWelcome: both languages render; the username is escaped in
// the HTML part and left as typed in the text part.
func TestRenderWelcome(t *testing.T) {
	d := welcomeData{Username: `<b>ann</b>`, BaseURL: "https://conduit.example"}
	for lang, greeting := range map[string]string{"en": "Hello", "de": "Hallo", "xx": "Hello"} {
		subject, text, html, err := render("welcome", lang, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(subject, "<b>ann</b>") || !strings.HasPrefix(text, greeting+" <b>ann</b>") || !strings.Contains(text, "https://conduit.example/editor") {
			t.Errorf("%s: subject %q, text %q", lang, subject, text)
		}
		if strings.Contains(html, "<b>ann</b>") || !strings.Contains(html, "&lt;b&gt;ann&lt;/b&gt;") || !strings.Contains(html, `href="https://conduit.example/editor"`) {
			t.Errorf("%s: html %q; want the username escaped and the link kept", lang, html)
		}
	}
}

type memUsers struct {
	UserStore
	u *conduit.User
}

func (m memUsers) UserByID(context.Context, int64) (*conduit.User, error) { return m.u, nil }

type recordMailer struct{ sent []Email }

func (r *recordMailer) Send(_ context.Context, e Email) error {
	r.sent = append(r.sent, e)
	return nil
}

// TestWelcomeJob: the job renders and sends in its language with a
// Message-ID that is the same on every delivery; a malformed job is permanent.
func TestWelcomeJob(t *testing.T) {
	mail := &recordMailer{}
	w := &AccountEmails{Users: memUsers{u: &conduit.User{ID: 7, Username: "ann", Email: "ann@example.com"}}, Mailer: mail, BaseURL: "https://x", Domain: "conduit.test"}
	for range 2 {
		if err := w.Handle(context.Background(), w.Job(7, "de")); err != nil {
			t.Fatal(err)
		}
	}
	if len(mail.sent) != 2 || mail.sent[0].MessageID != "<welcome-7@conduit.test>" || mail.sent[1].MessageID != mail.sent[0].MessageID ||
		!strings.HasPrefix(mail.sent[0].Subject, "Willkommen") || mail.sent[0].To != "ann@example.com" {
		t.Errorf("sent %+v", mail.sent)
	}
	for _, j := range []Job{{Kind: JobWelcomeEmail, Key: "x"}, {Kind: JobWelcomeEmail, Key: "7", Payload: []byte("{")}} {
		if err := w.Handle(context.Background(), j); !errors.Is(err, ErrPermanent) {
			t.Errorf("Handle(%+v) = %v, want ErrPermanent", j, err)
		}
	}
}
