package main

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	def := config{addr: "127.0.0.1:8030", readyTimeout: 2 * time.Second, logFormat: "text", pgDump: "pg_dump", pgRestore: "pg_restore", command: "serve"}
	with := func(f func(*config)) config { c := def; f(&c); return c }
	const db = "postgres://u@h/db"
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, def, false},
		{"env", nil, map[string]string{"ADDR": ":1", "DATABASE_URL": db, "READY_TIMEOUT": "5s", "LOG_FORMAT": "json", "PG_DUMP": "/x/pg_dump", "PG_RESTORE": "/x/pg_restore"},
			with(func(c *config) {
				c.addr, c.databaseURL, c.readyTimeout, c.logFormat, c.pgDump, c.pgRestore = ":1", db, 5*time.Second, "json", "/x/pg_dump", "/x/pg_restore"
			}), false},
		{"flag wins", []string{"-addr", ":2"}, map[string]string{"ADDR": ":1"}, with(func(c *config) { c.addr = ":2" }), false},
		{"healthcheck", []string{"healthcheck"}, nil, with(func(c *config) { c.command = "healthcheck" }), false},
		{"backup", []string{"-database-url", db, "backup", "f.dump"}, nil, with(func(c *config) { c.databaseURL, c.command, c.file = db, "backup", "f.dump" }), false},
		{"restore from env URL", []string{"restore", "f.dump"}, map[string]string{"DATABASE_URL": db}, with(func(c *config) { c.databaseURL, c.command, c.file = db, "restore", "f.dump" }), false},
		{"backup without URL", []string{"backup", "f.dump"}, nil, config{}, true},
		{"backup without file", []string{"-database-url", db, "backup"}, nil, config{}, true},
		{"unknown command", []string{"deploy"}, nil, config{}, true},
		{"healthcheck with args", []string{"healthcheck", "x"}, nil, config{}, true},
		{"bad env duration", nil, map[string]string{"READY_TIMEOUT": "soon"}, config{}, true},
		{"zero ready timeout", []string{"-ready-timeout", "0s"}, nil, config{}, true},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, env(tc.env), io.Discard)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseConfig(%q) = %+v, %v; want %+v, error %v", tc.args, got, err, tc.want, tc.wantErr)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
