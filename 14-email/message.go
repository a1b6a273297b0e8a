package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"time"

	"github.com/emersion/go-msgauth/dkim"
)

// Envelope is what the headers of one email say besides its content.
type Envelope struct {
	From, To string
	// Unsubscribe, when set, is the https URL of RFC 8058 one-click
	// unsubscribe; only marketing mail carries it.
	Unsubscribe string
	Date        time.Time
}

// buildMessage writes an RFC 5322 message with a multipart/alternative
// body through mime/multipart (exercise 2 builds one by hand).
func buildMessage(env Envelope, r Rendered) ([]byte, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	// Least preferred first: clients show the last part they can render.
	for _, p := range []struct{ ctype, content string }{{"text/plain; charset=utf-8", r.Text}, {"text/html; charset=utf-8", r.HTML}} {
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
	id := make([]byte, 12)
	_, _ = rand.Read(id) // crypto/rand.Read never fails since Go 1.24
	var msg bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&msg, "%s: %s\r\n", k, v) }
	header("From", env.From)
	header("To", env.To)
	header("Subject", mime.QEncoding.Encode("utf-8", r.Subject))
	header("Date", env.Date.Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domainOf(env.From)+">")
	header("Content-Language", r.Lang)
	header("X-Template-Version", fmt.Sprint(r.Version))
	if env.Unsubscribe != "" {
		header("List-Unsubscribe", "<"+env.Unsubscribe+">")
		header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	header("MIME-Version", "1.0")
	header("Content-Type", "multipart/alternative; boundary="+mw.Boundary())
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return msg.Bytes(), nil
}

// dkimSigner signs outgoing mail for one domain and selector.
type dkimSigner struct {
	domain, selector string
	key              crypto.Signer
}

// dkimHeaders are the fields signed: From is required, and signing
// List-Unsubscribe(-Post) is what RFC 8058 §4 asks of one-click senders.
var dkimHeaders = []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post"}

// Sign returns msg with a DKIM-Signature header in front.
func (s dkimSigner) Sign(msg []byte) ([]byte, error) {
	var out bytes.Buffer
	err := dkim.Sign(&out, bytes.NewReader(msg), &dkim.SignOptions{
		Domain: s.domain, Selector: s.selector, Signer: s.key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             dkimHeaders,
	})
	return out.Bytes(), err
}

// dnsRecord is the TXT record that publishes s's public key: a receiver
// verifies a signature with the key it finds at
// <selector>._domainkey.<domain> (RFC 6376 §3.6.2). RSA keys are published
// as DER SubjectPublicKeyInfo, Ed25519 keys as their 32 raw bytes (RFC 8463 §4).
func (s dkimSigner) dnsRecord() (name, txt string, err error) {
	k, p := "rsa", []byte(nil)
	if pub, ok := s.key.Public().(ed25519.PublicKey); ok {
		k, p = "ed25519", pub
	} else if p, err = x509.MarshalPKIXPublicKey(s.key.Public()); err != nil {
		return "", "", err
	}
	return s.selector + "._domainkey." + s.domain, "v=DKIM1; k=" + k + "; p=" + base64.StdEncoding.EncodeToString(p), nil
}

func domainOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == '@' {
			return addr[i+1:]
		}
	}
	return "localhost"
}
