package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
)

// TestDKIMRecordVerifiesItsSignatures: the TXT record the server logs at
// start is the one a receiver needs: go-msgauth's verifier, given only that
// record, accepts a message the signer signed, for RSA and Ed25519 keys.
func TestDKIMRecordVerifiesItsSignatures(t *testing.T) {
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []crypto.Signer{testKey(), edKey} {
		s := dkimSigner{domain: "workbook.test", selector: "wb2026", key: key}
		name, txt, err := s.dnsRecord()
		if err != nil {
			t.Fatalf("dnsRecord(%T) = %v", key, err)
		}
		if name != "wb2026._domainkey.workbook.test" {
			t.Errorf("dnsRecord(%T) name = %q, want wb2026._domainkey.workbook.test", key, name)
		}
		msg, err := buildMessage(Envelope{From: "no-reply@workbook.test", To: "ada@example.com", Date: time.Now()},
			Rendered{Subject: "Hello", Text: "Hello Ada", HTML: "<p>Hello Ada</p>"})
		if err != nil {
			t.Fatal(err)
		}
		signed, err := s.Sign(msg)
		if err != nil {
			t.Fatalf("Sign with %T: %v", key, err)
		}
		vs, err := dkim.VerifyWithOptions(bytes.NewReader(signed), &dkim.VerifyOptions{LookupTXT: func(domain string) ([]string, error) {
			if domain != name {
				t.Errorf("the verifier looked up %q, want %q", domain, name)
			}
			return []string{txt}, nil
		}})
		if err != nil || len(vs) != 1 || vs[0].Err != nil {
			t.Errorf("verifying a %T signature with the record %q = %v, %v", key, txt, vs, err)
		}
	}
}
