package main

import (
	"log/slog"
	"net"
	"net/http"
)

// audit writes security events as structured log lines: one message,
// "security event", with an event name and only what an investigator needs.
// Never a password, a session ID, a CSRF token or a full fetched URL's query.
type audit struct{ log *slog.Logger }

// event names, one per kind of security event.
const (
	evLoginFailure = "login.failure"
	evLoginSuccess = "login.success"
	evLockout      = "login.locked"
	evCSRFRejected = "csrf.rejected"
	evSSRFBlocked  = "ssrf.blocked"
)

func (a *audit) event(r *http.Request, name string, attrs ...slog.Attr) {
	all := append([]slog.Attr{
		slog.String("event", name),
		slog.String("ip", clientIP(r)),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
	}, attrs...)
	level := slog.LevelWarn
	if name == evLoginSuccess {
		level = slog.LevelInfo
	}
	a.log.LogAttrs(r.Context(), level, "security event", all...)
}

// clientIP is the connection's peer address. Behind a reverse proxy you
// would read X-Forwarded-For, but only the hop your own proxy appended:
// every earlier entry is whatever the client chose to send.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
