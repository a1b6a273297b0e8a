// Package redact is exercise 2 of chapter 19: a slog.Handler wrapper that
// keeps personal data and secrets out of the log.
package redact

// DefaultKeys are the attribute keys whose values are always replaced,
// compared without regard to case.
var DefaultKeys = []string{"password", "secret", "authorization", "token", "api_key", "cookie"}

const (
	// Redacted replaces the value of a sensitive key, and a token found in a string.
	Redacted = "[REDACTED]"
	// EmailMask replaces each e-mail address found in a string.
	EmailMask = "[EMAIL]"
)
