package main

import (
	"errors"
	"flag"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	def := defaultConfig()
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(config) bool
		wantErr string
	}{
		{name: "defaults", check: func(c config) bool {
			return c.addr == def.addr && c.logFormat == "text" && c.ratePerS == 1 && c.rateBurst == 5 &&
				slices.Equal(c.corsOrigins, def.corsOrigins) && maps.Equal(c.tokens, def.tokens)
		}},
		{name: "environment", env: map[string]string{
			"ADDR": "127.0.0.1:9005", "LOG_FORMAT": "json", "CORS_ORIGINS": "https://x.example,https://y.example",
			"API_TOKENS": "a:ann,b:bob", "RATE_PER_SECOND": "2.5", "RATE_BURST": "9",
		}, check: func(c config) bool {
			return c.addr == "127.0.0.1:9005" && c.logFormat == "json" && c.ratePerS == 2.5 && c.rateBurst == 9 &&
				slices.Equal(c.corsOrigins, []string{"https://x.example", "https://y.example"}) &&
				maps.Equal(c.tokens, map[string]string{"a": "ann", "b": "bob"})
		}},
		{name: "flag wins over environment",
			args: []string{"-addr", ":0", "-rate", "3", "-burst", "2", "-tokens", "t:tim", "-log-format", "text"},
			env:  map[string]string{"ADDR": "127.0.0.1:9005", "RATE_PER_SECOND": "2", "RATE_BURST": "9", "API_TOKENS": "a:ann", "LOG_FORMAT": "json"},
			check: func(c config) bool {
				return c.addr == ":0" && c.ratePerS == 3 && c.rateBurst == 2 && c.logFormat == "text" && maps.Equal(c.tokens, map[string]string{"t": "tim"})
			}},
		{name: "token without user", args: []string{"-tokens", "nocolon"}, wantErr: "not token:user"},
		{name: "zero rate", args: []string{"-rate", "0"}, wantErr: "rate must be > 0"},
		{name: "zero burst", args: []string{"-burst", "0"}, wantErr: "burst >= 1"},
		{name: "bad rate in env", env: map[string]string{"RATE_PER_SECOND": "fast"}, wantErr: "RATE_PER_SECOND"},
		{name: "bad burst in env", env: map[string]string{"RATE_BURST": "1.5"}, wantErr: "RATE_BURST"},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: "text or json"},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: "not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseConfig(%q) error = %v, want one containing %q", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil || !tc.check(got) {
				t.Fatalf("parseConfig(%q) = %+v, %v", tc.args, got, err)
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
	for _, want := range []string{"-addr", "env ADDR", "-log-format", "env LOG_FORMAT", "-cors-origins", "env CORS_ORIGINS",
		"-tokens", "env API_TOKENS", "-rate", "env RATE_PER_SECOND", "-burst", "env RATE_BURST"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
