package serve

import (
	"log/slog"
	"net/http"
	"time"
)

// The house limits. Each bounds how long, or how much, one slow or hostile
// client can take: without ReadHeaderTimeout a client that opens a socket
// and never finishes its headers holds a goroutine and a file descriptor
// forever (the "slowloris" attack, chapter 01).
const (
	// ReadHeaderTimeout limits reading the request line and headers.
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout limits reading the whole request, headers and body.
	ReadTimeout = 15 * time.Second
	// WriteTimeout limits writing the response; a streaming handler extends
	// its own deadline with http.ResponseController.
	WriteTimeout = 30 * time.Second
	// IdleTimeout is how long a kept-alive connection may wait for its next request.
	IdleTimeout = 60 * time.Second
	// MaxHeaderBytes caps the request line plus headers (Go's default is 1 MiB).
	MaxHeaderBytes = 64 << 10
)

// NewServer returns an http.Server for h with the house timeouts and header
// limit above, and with the server's own errors (TLS handshakes, panics in
// handlers, malformed requests) logged through logger at WARN level.
//
// Addr is left empty: Run serves on a listener the caller opened. A chapter
// that needs something else sets the field afterwards, e.g. a longer
// ReadTimeout for uploads, or Protocols.
func NewServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}
