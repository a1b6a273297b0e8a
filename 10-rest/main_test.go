package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "laptop defaults", want: config{addr: "127.0.0.1:8010", logFormat: "json", relatedURL: "http://127.0.0.1:1"}},
		{
			name: "environment",
			env:  map[string]string{"ADDR": "127.0.0.1:9010", "LOG_FORMAT": "text", "RELATED_URL": "http://related.internal:8080"},
			want: config{addr: "127.0.0.1:9010", logFormat: "text", relatedURL: "http://related.internal:8080"},
		},
		{
			name: "flags win over environment",
			args: []string{"-addr", "127.0.0.1:9110", "-log-format", "json", "-related-url", "https://related.example"},
			env:  map[string]string{"ADDR": "127.0.0.1:9010", "LOG_FORMAT": "text", "RELATED_URL": "http://related.internal:8080"},
			want: config{addr: "127.0.0.1:9110", logFormat: "json", relatedURL: "https://related.example"},
		},
		{name: "unknown log format", args: []string{"-log-format", "xml"}, wantErr: "log format must be text or json"},
		{name: "unknown log format in env", env: map[string]string{"LOG_FORMAT": "yaml"}, wantErr: `got "yaml"`},
		{name: "related URL without a scheme", args: []string{"-related-url", "related:8080"}, wantErr: "related URL must be an http(s) URL"},
		{name: "related URL without a host", env: map[string]string{"RELATED_URL": "http://"}, wantErr: "related URL must be an http(s) URL"},
		{name: "the old -log flag is gone", args: []string{"-log", "text"}, wantErr: "flag provided but not defined"},
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
	for _, want := range []string{"-addr", "env ADDR", "-log-format", "env LOG_FORMAT", "-related-url", "env RELATED_URL"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
