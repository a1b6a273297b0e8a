package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	defaults := config{addr: "127.0.0.1:8011", databaseURL: defaultDatabaseURL, migrate: "up", seed: true,
		maxConns: 10, minConns: 2, logFormat: "text", connectLimit: 5 * time.Second}
	with := func(edit func(*config)) config { c := defaults; edit(&c); return c }
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "defaults", want: defaults},
		{name: "environment", env: map[string]string{"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://x@db/y", "MIGRATE": "version",
			"SEED": "false", "POOL_MAX_CONNS": "4", "POOL_MIN_CONNS": "1", "LOG_FORMAT": "json"},
			want: with(func(c *config) {
				c.addr, c.databaseURL, c.migrate, c.seed, c.maxConns, c.minConns, c.logFormat = "127.0.0.1:9000", "postgres://x@db/y", "version", false, 4, 1, "json"
			})},
		{name: "flag beats environment", args: []string{"-addr", "127.0.0.1:9001", "-pool-max-conns", "20", "-seed=false"},
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "POOL_MAX_CONNS": "4", "SEED": "true"},
			want: with(func(c *config) { c.addr, c.maxConns, c.seed = "127.0.0.1:9001", 20, false })},
		{name: "bad migrate", args: []string{"-migrate", "sideways"}, wantErr: true},
		{name: "no connections", args: []string{"-pool-max-conns", "0"}, wantErr: true},
		{name: "min above max", args: []string{"-pool-min-conns", "20", "-pool-max-conns", "10"}, wantErr: true},
		{name: "negative min", args: []string{"-pool-min-conns", "-1"}, wantErr: true},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: true},
		{name: "bad log format from the environment", env: map[string]string{"LOG_FORMAT": "yaml"}, wantErr: true},
		{name: "bad POOL_MAX_CONNS", env: map[string]string{"POOL_MAX_CONNS": "many"}, wantErr: true},
		{name: "bad POOL_MIN_CONNS", env: map[string]string{"POOL_MIN_CONNS": "few"}, wantErr: true},
		{name: "bad SEED", env: map[string]string{"SEED": "perhaps"}, wantErr: true},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseConfig(%q) error = %v, want error %v", tc.args, err, tc.wantErr)
			}
			if !tc.wantErr && got != tc.want {
				t.Errorf("parseConfig(%q) = %+v, want %+v", tc.args, got, tc.want)
			}
		})
	}
}

// TestParseConfigHelp: -h prints every flag with its environment variable
// and returns flag.ErrHelp, which main turns into exit status 0.
func TestParseConfigHelp(t *testing.T) {
	var usage strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &usage)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("parseConfig(-h) error = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"-addr", "env ADDR", "-database-url", "env DATABASE_URL", "-migrate", "env MIGRATE", "-seed", "env SEED",
		"-pool-max-conns", "env POOL_MAX_CONNS", "-pool-min-conns", "env POOL_MIN_CONNS", "-log-format", "env LOG_FORMAT"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
