package main

import (
	"fmt"
	"log/slog"
	"strconv"
)

// settings is the application's effective configuration: what the handlers
// read. load (layers.go) builds it, validate (validate.go) checks it, and a
// reload (reload.go) replaces it whole — it is never edited in place.
type settings struct {
	Greeting     string     // what GET /hello says
	LogLevel     slog.Level // applied to the running logger on every swap
	CookieSecure bool       // the Secure attribute of the cookie /hello sets
	DBURL        string     // PostgreSQL URL, without its password
	DBPassword   secret
	APIKey       secret // bearer token for GET /admin
}

// A key is one setting as every layer names it: the config file and the
// provenance view say name, the environment env, the command line -flag.
// A secret key has no flag (argv is readable by every user of the machine,
// in ps and /proc) and may not sit in the config file (files get
// committed); it comes from env, or from the file that env_FILE names.
type key struct {
	name   string
	env    string
	flag   string // "" for a secret
	secret bool
	isBool bool // a bare -flag means true
	help   string
	set    func(s *settings, v string) error // parses v into s; the error says what was expected
}

var keys = []key{
	{name: "greeting", env: "GREETING", flag: "greeting", help: "the `text` GET /hello answers",
		set: func(s *settings, v string) error { s.Greeting = v; return nil }},
	{name: "log_level", env: "LOG_LEVEL", flag: "log-level", help: "log `level`: debug, info, warn or error",
		set: func(s *settings, v string) error {
			if err := s.LogLevel.UnmarshalText([]byte(v)); err != nil {
				return fmt.Errorf("%q is not a level (debug, info, warn, error)", v)
			}
			return nil
		}},
	{name: "cookie_secure", env: "COOKIE_SECURE", flag: "cookie-secure", isBool: true, help: "set the Secure attribute on cookies (required in prod)",
		set: func(s *settings, v string) (err error) { s.CookieSecure, err = parseBool(v); return err }},
	{name: "db_url", env: "DB_URL", flag: "db-url", help: "PostgreSQL `url`, without the password",
		set: func(s *settings, v string) error { s.DBURL = v; return nil }},
	{name: "db_password", env: "DB_PASSWORD", secret: true,
		set: func(s *settings, v string) error { s.DBPassword = newSecret(v); return nil }},
	{name: "api_key", env: "API_KEY", secret: true,
		set: func(s *settings, v string) error { s.APIKey = newSecret(v); return nil }},
}

// profiles are the per-environment defaults, the lowest layer. Each lists
// every key that is not a secret; secrets have no default anywhere in code.
var profiles = map[string]map[string]string{
	"dev": {
		"greeting": "hello from dev", "log_level": "debug", "cookie_secure": "false",
		"db_url": "postgres://app@127.0.0.1:5432/app?sslmode=disable",
	},
	"staging": {
		"greeting": "hello", "log_level": "info", "cookie_secure": "true",
		"db_url": "postgres://app@db.staging.internal:5432/app?sslmode=require",
	},
	"prod": {
		"greeting": "hello", "log_level": "info", "cookie_secure": "true",
		"db_url": "postgres://app@db.prod.internal:5432/app?sslmode=verify-full",
	},
}

func keyNamed(name string) (key, bool) {
	for _, k := range keys {
		if k.name == name {
			return k, true
		}
	}
	return key{}, false
}

func parseBool(v string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%q is not true or false", v)
	}
	return b, nil
}
