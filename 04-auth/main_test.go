package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	defaults := config{addr: "127.0.0.1:8004", adminEmail: "admin@example.com", adminPassword: "correct horse battery staple", logFormat: "json"}
	long := strings.Repeat("k", 32)
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "laptop defaults", want: defaults},
		{
			name: "environment",
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "JWT_SECRET": long, "ADMIN_EMAIL": "root@example.com", "ADMIN_PASSWORD": "pw", "LOG_FORMAT": "text"},
			want: config{addr: "127.0.0.1:9000", secret: long, adminEmail: "root@example.com", adminPassword: "pw", logFormat: "text"},
		},
		{
			name: "flags win over environment",
			args: []string{"-addr", "127.0.0.1:9999", "-log-format", "json"},
			env:  map[string]string{"ADDR": "127.0.0.1:7777", "LOG_FORMAT": "text"},
			want: defaults.withAddr("127.0.0.1:9999"),
		},
		{name: "short secret from the environment", env: map[string]string{"JWT_SECRET": "short"}, wantErr: "at least 32 bytes"},
		{name: "short secret flag", args: []string{"-jwt-secret", "short"}, wantErr: "at least 32 bytes"},
		{name: "unknown log format", env: map[string]string{"LOG_FORMAT": "xml"}, wantErr: "log format"},
		{name: "unknown flag", args: []string{"-port", "1"}, wantErr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseConfig(%q) error = %v, want one containing %q", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseConfig(%q) = %+v, %v; want %+v, nil", tc.args, got, err, tc.want)
			}
		})
	}
}

func (c config) withAddr(addr string) config { c.addr = addr; return c }

// TestParseConfigHelp: -h prints every flag with its environment variable
// and returns flag.ErrHelp, which main turns into exit status 0.
func TestParseConfigHelp(t *testing.T) {
	var usage strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &usage)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("parseConfig(-h) error = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"env ADDR", "env JWT_SECRET", "env ADMIN_EMAIL", "env ADMIN_PASSWORD", "env LOG_FORMAT"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
