package main

import (
	"log/slog"
	"net/http"
	"time"

	"workbook/serve"
)

// readTimeout limits reading a whole request, headers and body. It is twice
// serve.ReadTimeout because /echo accepts bodies of up to a megabyte from
// clients on slow links; the other limits are serve.NewServer's: headers
// within 5 s, the response within 30 s, a kept-alive connection idle for
// 60 s at most, and 64 KiB of headers. Without such limits a client that
// opens a socket and never finishes its headers keeps a goroutine and a
// file descriptor forever (the "slowloris" attack).
const readTimeout = 30 * time.Second

// newServer builds the inspector's http.Server: routes, serve.NewServer's
// timeouts with a longer readTimeout, the protocols it speaks, and the
// connection hooks behind /conn.
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

	srv := serve.NewServer(conns.countRequests(logRequests(logger, routes(cfg.maxBody, conns, logger))), logger)
	srv.ReadTimeout = readTimeout
	srv.Protocols = &protocols
	srv.ConnContext = conns.connContext
	srv.ConnState = conns.connState
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
