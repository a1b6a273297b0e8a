package smtp

import (
	"strings"
	"testing"
	"time"

	"workbook/capstone/service"
)

func TestNew(t *testing.T) {
	m, err := New("smtp://user:secret@mail.example.com:587", "Conduit <no-reply@example.com>")
	if err != nil || m.addr != "mail.example.com:587" || m.auth == nil || m.envelope != "no-reply@example.com" || m.from != `"Conduit" <no-reply@example.com>` {
		t.Errorf("New = %+v, %v", m, err)
	}
	for _, bad := range [][2]string{{"http://x:25", "a@b.c"}, {"smtp://", "a@b.c"}, {"smtp://x:25", "not an address"}} {
		if _, err := New(bad[0], bad[1]); err == nil {
			t.Errorf("New(%q, %q) = nil error", bad[0], bad[1])
		}
	}
}

// TestBuild: the headers, text first and HTML last, both quoted-printable,
// a non-ASCII subject encoded.
func TestBuild(t *testing.T) {
	msg, err := Build(`"Conduit" <no-reply@example.com>`, service.Email{To: "ann@example.com", Subject: "Grüße", Text: "Hallo", HTML: "<p>Hallo</p>", MessageID: "<w-1@example.com>", Lang: "de"},
		time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s := string(msg)
	for _, want := range []string{"From: \"Conduit\" <no-reply@example.com>\r\n", "To: ann@example.com\r\n", "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n",
		"Message-ID: <w-1@example.com>\r\n", "Content-Language: de\r\n", "Content-Type: multipart/alternative; boundary=", "Date: Thu, 03 Dec 2026 08:00:00 +0000\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("message lacks %q:\n%s", want, s)
		}
	}
	if i, j := strings.Index(s, "text/plain"), strings.Index(s, "text/html"); i < 0 || j < i {
		t.Errorf("want the text part before the HTML part:\n%s", s)
	}
}
