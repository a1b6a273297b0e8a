package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"testing"
	"time"
)

func TestSelfSignedCertCoversLoopback(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cert, err := selfSignedCert([]string{"localhost", "127.0.0.1", "::1"}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		if err := cert.Leaf.VerifyHostname(host); err != nil {
			t.Errorf("certificate does not cover %s: %v", host, err)
		}
	}
	if err := cert.Leaf.VerifyHostname("example.com"); err == nil {
		t.Error("certificate covers example.com, want only the loopback names")
	}
	if !cert.Leaf.NotBefore.Before(now) || !cert.Leaf.NotAfter.After(now.Add(23*time.Hour)) {
		t.Errorf("certificate valid %v to %v, want it valid from before %v for a day", cert.Leaf.NotBefore, cert.Leaf.NotAfter, now)
	}
}

// TestTLSNegotiatesHTTP2 runs the server as -tls does: a client that trusts
// the certificate gets HTTP/2, agreed through ALPN in the TLS handshake.
// A client that offers only HTTP/1.1 gets HTTP/1.1 on the same port.
func TestTLSNegotiatesHTTP2(t *testing.T) {
	base, srv := startServer(t, config{tls: true})
	pool := x509.NewCertPool()
	pool.AddCert(srv.TLSConfig.Certificates[0].Leaf)

	tests := []struct {
		name       string
		http2      bool
		wantProto  string
		wantALPN   string
		wantTLSVer uint16
	}{
		{"client offers h2", true, "HTTP/2.0", "h2", tls.VersionTLS13},
		// Go's client sends no ALPN at all when it speaks only HTTP/1.1.
		{"client offers only HTTP/1.1", false, "HTTP/1.1", "", tls.VersionTLS13},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, Protocols: new(http.Protocols)}
			tr.Protocols.SetHTTP1(true)
			tr.Protocols.SetHTTP2(tc.http2)
			t.Cleanup(tr.CloseIdleConnections)
			client := &http.Client{Transport: tr, Timeout: 10 * time.Second}

			resp, err := client.Get(base + "/conn")
			if err != nil {
				t.Fatalf("GET /conn over TLS: %v", err)
			}
			resp.Body.Close()
			if resp.Proto != tc.wantProto || resp.TLS.NegotiatedProtocol != tc.wantALPN || resp.TLS.Version != tc.wantTLSVer {
				t.Errorf("got %s, ALPN %q, TLS version %#x; want %s, %q, %#x",
					resp.Proto, resp.TLS.NegotiatedProtocol, resp.TLS.Version, tc.wantProto, tc.wantALPN, tc.wantTLSVer)
			}
			rep := getConn(t, client, base)
			if !rep.TLS || rep.ALPN != tc.wantALPN || rep.Proto != tc.wantProto {
				t.Errorf("server saw tls=%v alpn=%q proto=%q; want true, %q, %q", rep.TLS, rep.ALPN, rep.Proto, tc.wantALPN, tc.wantProto)
			}
		})
	}
}
