package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// testCA is an in-memory certificate authority.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key}
}

// issue signs a leaf certificate for cn with the given extended key usage.
func (ca *testCA) issue(t *testing.T, cn string, usage x509.ExtKeyUsage, serial int64) tls.Certificate {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func (ca *testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

func TestMutualTLS(t *testing.T) {
	ca := newTestCA(t, "workbook test CA")
	rogue := newTestCA(t, "rogue CA")
	serverCert := ca.issue(t, "127.0.0.1", x509.ExtKeyUsageServerAuth, 10)
	billing := ca.issue(t, "billing-service", x509.ExtKeyUsageClientAuth, 11)
	impostor := rogue.issue(t, "billing-service", x509.ExtKeyUsageClientAuth, 12)

	start := func(mode tls.ClientAuthType) *httptest.Server {
		ts := httptest.NewUnstartedServer(http.HandlerFunc(handleCertWhoAmI))
		ts.TLS = mutualTLSConfig(serverCert, ca.pool(), mode)
		ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
		ts.StartTLS()
		t.Cleanup(ts.Close)
		return ts
	}
	client := func(certs ...tls.Certificate) *http.Client {
		return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.pool(), Certificates: certs}}}
	}

	strict := start(tls.RequireAndVerifyClientCert)
	t.Run("valid client certificate", func(t *testing.T) {
		resp, err := client(billing).Get(strict.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var who map[string]any
		json.NewDecoder(resp.Body).Decode(&who)
		if resp.StatusCode != 200 || who["subject"] != "billing-service" || who["issuer"] != "workbook test CA" {
			t.Errorf("whoami = %d %v, want 200 billing-service issued by the test CA", resp.StatusCode, who)
		}
	})
	for name, c := range map[string]*http.Client{"no certificate": client(), "certificate from another CA": client(impostor)} {
		t.Run(name+" fails the handshake", func(t *testing.T) {
			if resp, err := c.Get(strict.URL); err == nil {
				resp.Body.Close()
				t.Errorf("GET = %d, want a TLS handshake error", resp.StatusCode)
			}
		})
	}

	lenient := start(tls.VerifyClientCertIfGiven)
	t.Run("optional mode leaves the decision to the handler", func(t *testing.T) {
		resp, err := client().Get(lenient.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET without a certificate = %d, want 401", resp.StatusCode)
		}
	})
}

func TestCertWhoAmIOverPlainHTTP(t *testing.T) {
	e := newTestEnv(t)
	wantProblem(t, e.do(t, "GET", "/cert/whoami", ""), http.StatusUnauthorized, "client certificate")
}
