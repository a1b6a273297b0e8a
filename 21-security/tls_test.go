package main

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHardenedTLS starts an HTTPS server with hardenedTLS and connects to
// it with clients that offer old protocol versions or weak suites.
func TestHardenedTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	srv.TLS = hardenedTLS()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
	srv.StartTLS()
	defer srv.Close()

	connect := func(configure func(*tls.Config)) (*tls.ConnectionState, error) {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		configure(tr.TLSClientConfig)
		defer tr.CloseIdleConnections()
		resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return resp.TLS, nil
	}

	_, err := connect(func(c *tls.Config) { c.MinVersion, c.MaxVersion = tls.VersionTLS10, tls.VersionTLS11 })
	if err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Errorf("a TLS 1.1 client: err = %v, want the handshake refused (protocol version)", err)
	}

	_, err = connect(func(c *tls.Config) {
		c.MaxVersion = tls.VersionTLS12
		c.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA} // Go's client still offers it
	})
	if err == nil {
		t.Error("a TLS 1.2 client offering only ECDHE-RSA-AES128-CBC-SHA connected; want it refused")
	}

	st, err := connect(func(c *tls.Config) { c.MaxVersion = tls.VersionTLS12 })
	if err != nil || st.Version != tls.VersionTLS12 || !strings.Contains(tls.CipherSuiteName(st.CipherSuite), "GCM") {
		t.Errorf("a TLS 1.2 client: %v, %+v; want TLS 1.2 with an AES-GCM suite", err, st)
	}

	st, err = connect(func(c *tls.Config) {})
	if err != nil || st.Version != tls.VersionTLS13 || st.CurveID != tls.X25519MLKEM768 {
		t.Fatalf("a default client: %v; want TLS 1.3 with the X25519MLKEM768 key exchange", err)
	}
	t.Logf("default client: %s, %s, %s", tls.VersionName(st.Version), tls.CipherSuiteName(st.CipherSuite), st.CurveID)
}
