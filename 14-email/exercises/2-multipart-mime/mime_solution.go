//go:build solution

package multipartmime

import (
	"bytes"
	"errors"
	"mime"
	"mime/quotedprintable"
	"strings"
)

// Build returns m as an RFC 5322 message with a multipart/alternative body.
func Build(m Message) ([]byte, error) {
	if m.Boundary == "" || len(m.Boundary) > 70 || strings.ContainsAny(m.Boundary, " \r\n\"") {
		return nil, errors.New("multipartmime: boundary must be 1 to 70 characters without spaces or quotes")
	}
	var b bytes.Buffer
	b.WriteString("From: " + m.From + "\r\n")
	b.WriteString("To: " + m.To + "\r\n")
	b.WriteString("Subject: " + mime.QEncoding.Encode("utf-8", m.Subject) + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: multipart/alternative; boundary=\"" + m.Boundary + "\"\r\n\r\n")
	for _, p := range [][2]string{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		var body bytes.Buffer
		qp := quotedprintable.NewWriter(&body)
		qp.Write([]byte(p[1]))
		qp.Close()
		// Quoted-printable lines never start with "--" followed by the
		// boundary unless the content has it: refuse that.
		if strings.Contains(body.String(), "--"+m.Boundary) {
			return nil, errors.New("multipartmime: the boundary occurs in a part")
		}
		b.WriteString("--" + m.Boundary + "\r\n")
		b.WriteString("Content-Type: " + p[0] + "; charset=utf-8\r\n")
		b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
		b.Write(body.Bytes())
		b.WriteString("\r\n")
	}
	b.WriteString("--" + m.Boundary + "--\r\n")
	return b.Bytes(), nil
}
