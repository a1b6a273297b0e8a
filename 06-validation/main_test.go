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
	def := config{addr: "127.0.0.1:8006", logFormat: "text", checkTimeout: 500 * time.Millisecond}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "defaults", want: def},
		{name: "env", env: map[string]string{"ADDR": ":9", "LOG_FORMAT": "json", "CHECK_TIMEOUT": "2s", "REPO_DELAY": "1s"},
			want: config{addr: ":9", logFormat: "json", checkTimeout: 2 * time.Second, repoDelay: time.Second}},
		{name: "flag wins over env", args: []string{"-repo-delay", "3s", "-addr", ":0", "-log-format", "text"},
			env:  map[string]string{"REPO_DELAY": "1s", "ADDR": ":9", "LOG_FORMAT": "json"},
			want: config{addr: ":0", logFormat: "text", checkTimeout: 500 * time.Millisecond, repoDelay: 3 * time.Second}},
		{name: "bad env duration", env: map[string]string{"CHECK_TIMEOUT": "soon"}, wantErr: "CHECK_TIMEOUT"},
		{name: "zero timeout", args: []string{"-check-timeout", "0s"}, wantErr: "must be positive"},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: "text or json"},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: "not defined"},
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

// TestParseConfigHelp: -h prints every flag with its environment variable
// and returns flag.ErrHelp, which main turns into exit status 0.
func TestParseConfigHelp(t *testing.T) {
	var usage strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &usage)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("parseConfig(-h) error = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"-addr", "env ADDR", "-log-format", "env LOG_FORMAT", "-check-timeout", "env CHECK_TIMEOUT", "-repo-delay", "env REPO_DELAY"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
