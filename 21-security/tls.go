package main

import "crypto/tls"

// hardenedTLS is the server's TLS configuration.
//   - TLS 1.0 and 1.1 are refused (they are also off by default since Go 1.22;
//     saying so here keeps a GODEBUG=tls10server=1 from reopening them).
//   - TLS 1.3's cipher suites are not configurable in crypto/tls, and all
//     three are AEADs; CipherSuites below only narrows TLS 1.2 to ECDHE key
//     exchange with an AEAD, dropping the CBC-SHA1 suites Go still enables.
//   - CurvePreferences is left empty on purpose: the Go 1.26 default offers
//     the post-quantum hybrids X25519MLKEM768, SecP256r1MLKEM768 and
//     SecP384r1MLKEM1024, then X25519, P-256, P-384 and P-521; a hand-written
//     list would freeze today's choice and miss tomorrow's.
func hardenedTLS() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		CipherSuites: []uint16{ // TLS 1.2 only; the order is Go's own
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		},
	}
}
