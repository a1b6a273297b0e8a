package multipartmime

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

var sample = Message{From: "no-reply@workbook.test", To: "ada@example.com", Subject: "Grüße, Ada",
	Text: "Hallo Ada,\nlos geht's: https://example.com/start\n", HTML: "<p>Hallo <b>Ada</b> — <a href=\"https://example.com/start\">los</a></p>",
	Boundary: "wb-boundary-42"}

type part struct{ ctype, cte, body string }

func parse(t *testing.T, raw []byte) (*mail.Message, []part) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, raw)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	if params["boundary"] != sample.Boundary {
		t.Fatalf("boundary = %q, want %q", params["boundary"], sample.Boundary)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var parts []part
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading parts: %v\n%s", err, raw)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatalf("part is not quoted-printable: %v", err)
		}
		parts = append(parts, part{p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), string(b)})
	}
	return msg, parts
}

func TestHeaders(t *testing.T) {
	raw, err := Build(sample)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	msg, _ := parse(t, raw)
	if msg.Header.Get("MIME-Version") != "1.0" {
		t.Errorf("MIME-Version = %q, want 1.0", msg.Header.Get("MIME-Version"))
	}
	if msg.Header.Get("From") != sample.From || msg.Header.Get("To") != sample.To {
		t.Errorf("From/To = %q/%q", msg.Header.Get("From"), msg.Header.Get("To"))
	}
	subj := msg.Header.Get("Subject")
	if dec, err := new(mime.WordDecoder).DecodeHeader(subj); err != nil || dec != sample.Subject || !isASCII(subj) {
		t.Errorf("Subject = %q (decodes to %q), want an RFC 2047 encoded %q", subj, dec, sample.Subject)
	}
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		if strings.Contains(line, "\n") {
			t.Errorf("header line %q ends in a bare LF; lines end in CRLF", line)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestPartsInOrder(t *testing.T) {
	raw, err := Build(sample)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	_, parts := parse(t, raw)
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2 (text then HTML)", len(parts))
	}
	for i, want := range []part{{"text/plain; charset=utf-8", "quoted-printable", sample.Text}, {"text/html; charset=utf-8", "quoted-printable", sample.HTML}} {
		got := parts[i]
		got.body = strings.ReplaceAll(got.body, "\r\n", "\n")
		if got != want {
			t.Errorf("part %d = %+v, want %+v", i, got, want)
		}
	}
	if !bytes.HasSuffix(raw, []byte("\r\n--"+sample.Boundary+"--\r\n")) {
		t.Errorf("the message does not end with the close delimiter --%s--", sample.Boundary)
	}
	if !bytes.Contains(raw, []byte("\r\n\r\n--"+sample.Boundary+"\r\n")) {
		t.Errorf("the first delimiter does not follow the blank line after the headers")
	}
}

func TestLongLinesAreWrapped(t *testing.T) {
	m := sample
	m.Text = strings.Repeat("x", 300)
	raw, err := Build(m)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line of %d characters; SMTP wants at most 78 (quoted-printable wraps at 76)", len(line))
		}
	}
	_, parts := parse(t, raw)
	if len(parts) != 2 || parts[0].body != m.Text {
		t.Errorf("the long text did not survive the round trip")
	}
}

func TestBadBoundary(t *testing.T) {
	for name, b := range map[string]string{"empty": "", "too long": strings.Repeat("b", 71), "space": "a b", "quote": `a"b`, "newline": "a\nb"} {
		m := sample
		m.Boundary = b
		if raw, err := Build(m); err == nil {
			t.Errorf("%s: Build(boundary %q) = %q, want an error", name, b, raw)
		}
	}
	m := sample
	m.Boundary = strings.Repeat("b", 70)
	if _, err := Build(m); err != nil {
		t.Errorf("a 70-character boundary is allowed (RFC 2046), got %v", err)
	}
	m = sample
	m.Text = "line\n--" + m.Boundary + "\nmore"
	if raw, err := Build(m); err == nil {
		t.Errorf("a part containing the boundary must be refused, got\n%s", raw)
	}
	m = sample
	m.HTML = "<p>--" + m.Boundary + "</p>"
	if _, err := Build(m); err == nil {
		t.Errorf("an HTML part containing the boundary must be refused")
	}
}
