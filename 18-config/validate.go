package main

import (
	"fmt"
	"log/slog"
	"net/url"
)

// An issue is one thing wrong with a configuration.
type issue struct{ key, msg string }

// minAPIKey is the shortest API key accepted: 16 random bytes, hex-encoded,
// are 32 characters (`openssl rand -hex 16`).
const minAPIKey = 32

// validate checks a merged configuration against the rules of its profile
// and returns every problem, not only the first: a deploy that fails at
// start-up should be fixable in one edit, not one per restart. No message
// carries a secret's text.
func validate(s settings, profile string) []issue {
	var ps []issue
	add := func(key, format string, args ...any) { ps = append(ps, issue{key, fmt.Sprintf(format, args...)}) }

	if s.Greeting == "" || len(s.Greeting) > 200 {
		add("greeting", "must be 1 to 200 bytes, got %d", len(s.Greeting))
	}
	u, err := url.Parse(s.DBURL)
	dbOK := err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") && u.Host != ""
	switch {
	case !dbOK:
		add("db_url", "must be a postgres://host/db URL")
	case hasPassword(u):
		add("db_url", "must not carry a password; set DB_PASSWORD or DB_PASSWORD_FILE")
	}
	if s.APIKey.isSet() && len(s.APIKey.reveal()) < minAPIKey {
		add("api_key", "must be at least %d characters", minAPIKey)
	}
	if profile == "dev" {
		return ps
	}
	// staging and prod: nothing runs without its secrets.
	if !s.DBPassword.isSet() {
		add("db_password", "is required in %s", profile)
	}
	if !s.APIKey.isSet() {
		add("api_key", "is required in %s", profile)
	}
	if profile != "prod" {
		return ps
	}
	// prod refuses the settings that are fine on a laptop.
	if !s.CookieSecure {
		add("cookie_secure", "must be true in prod")
	}
	if s.LogLevel < slog.LevelInfo {
		add("log_level", "must be info or above in prod: debug logs carry request details")
	}
	if dbOK {
		if mode := u.Query().Get("sslmode"); mode != "verify-full" && mode != "verify-ca" {
			add("db_url", "sslmode must be verify-full or verify-ca in prod, got %q", mode)
		}
	}
	return ps
}

func hasPassword(u *url.URL) bool {
	_, ok := u.User.Password()
	return ok
}
