package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

// Certificate authentication happens in the TLS handshake, before any
// HTTP: the server asks for a client certificate and verifies its chain
// against ClientCAs. tls.Config.ClientAuth chooses how strict that is:
//
//	tls.NoClientCert               never ask (the default)
//	tls.RequestClientCert          ask, accept anything, verify nothing
//	tls.VerifyClientCertIfGiven    verify a certificate if one is sent
//	tls.RequireAndVerifyClientCert the handshake fails without a valid one
//
// Service-to-service APIs usually require and verify; a public API that
// also serves browsers verifies if given and lets handlers decide.
func mutualTLSConfig(serverCert tls.Certificate, clientCAs *x509.CertPool, mode tls.ClientAuthType) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{serverCert},
		ClientCAs:    clientCAs,
		ClientAuth:   mode,
	}
}

// handleCertWhoAmI reports the identity proven by a verified client
// certificate. VerifiedChains is only filled when the chain was verified,
// so an unverified certificate (RequestClientCert) does not count.
func handleCertWhoAmI(w http.ResponseWriter, r *http.Request) {
	if r.TLS == nil || len(r.TLS.VerifiedChains) == 0 {
		writeProblem(w, r, http.StatusUnauthorized, "this endpoint needs a verified client certificate over TLS (mutual TLS)")
		return
	}
	leaf := r.TLS.VerifiedChains[0][0]
	writeJSON(w, http.StatusOK, map[string]any{
		"subject": leaf.Subject.CommonName,
		"issuer":  leaf.Issuer.CommonName,
		"serial":  leaf.SerialNumber.String(),
		"expires": leaf.NotAfter.UTC(),
	})
}
