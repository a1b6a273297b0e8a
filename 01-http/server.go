package main

import (
	"log/slog"
	"net/http"
	"time"
)

// Timeouts bound how long one slow or silent client can hold a connection.
// Without them a client that opens a socket and never finishes its headers
// keeps a goroutine and a file descriptor forever (the "slowloris" attack).
const (
	// readHeaderTimeout limits the time to read the request line and headers.
	readHeaderTimeout = 5 * time.Second
	// readTimeout limits reading the whole request, headers and body.
	readTimeout = 30 * time.Second
	// writeTimeout limits writing the response; /stream extends it per chunk.
	writeTimeout = 30 * time.Second
	// idleTimeout is how long a kept-alive connection may wait for its next request.
	idleTimeout = 60 * time.Second
	// maxHeaderBytes caps the request line plus headers (Go's default is 1 MiB).
	maxHeaderBytes = 64 << 10
)

// newServer builds the inspector's http.Server: routes, timeouts, the
// protocols it speaks, and the connection hooks behind /conn.
//
// Without TLS it speaks HTTP/1.1 and unencrypted HTTP/2 ("h2c" with prior
// knowledge) on the same port; with cfg.tls it speaks HTTP/1.1 and HTTP/2
// over TLS, chosen per connection by ALPN during the handshake.
func newServer(cfg config, logger *slog.Logger) (*http.Server, error) {
	conns := newConnTracker(logger)

	var protocols http.Protocols
	protocols.SetHTTP1(true)
	if cfg.tls {
		protocols.SetHTTP2(true)
	} else {
		protocols.SetUnencryptedHTTP2(true)
	}

	srv := &http.Server{
		Addr:              cfg.addr,
		Handler:           conns.countRequests(logRequests(logger, routes(cfg.maxBody, conns))),
		Protocols:         &protocols,
		ConnContext:       conns.connContext,
		ConnState:         conns.connState,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if cfg.tls {
		tc, err := tlsConfig()
		if err != nil {
			return nil, err
		}
		srv.TLSConfig = tc
	}
	return srv, nil
}

// logRequests logs one line per request, tagged with the connection it came
// on, so the log shows keep-alive at work: several requests, one conn.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, seq := connFromContext(r.Context())
		var connID uint64
		if info != nil {
			connID = info.id
		}
		logger.Info("request", "conn", connID, "seq", seq, "proto", r.Proto, "method", r.Method, "target", r.RequestURI)
		next.ServeHTTP(w, r)
	})
}
