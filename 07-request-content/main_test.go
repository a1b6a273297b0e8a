package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	def := config{addr: "127.0.0.1:8007", maxBody: 1 << 20, maxUpload: 10 << 20, logFormat: "text"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "defaults", want: def},
		{name: "env", env: map[string]string{"ADDR": ":9", "UPLOAD_DIR": "/srv/up", "MAX_BODY_BYTES": "7", "MAX_UPLOAD_BYTES": "5", "LOG_FORMAT": "json"},
			want: config{addr: ":9", uploadDir: "/srv/up", maxBody: 7, maxUpload: 5, logFormat: "json"}},
		{name: "flag wins over env", args: []string{"-upload-dir", "./u", "-max-upload", "9", "-log-format", "text"},
			env:  map[string]string{"UPLOAD_DIR": "/srv/up", "MAX_UPLOAD_BYTES": "5", "LOG_FORMAT": "json"},
			want: config{addr: def.addr, uploadDir: "./u", maxBody: def.maxBody, maxUpload: 9, logFormat: "text"}},
		{name: "bad number in env", env: map[string]string{"MAX_BODY_BYTES": "lots"}, wantErr: "MAX_BODY_BYTES"},
		{name: "zero limit", args: []string{"-max-body", "0"}, wantErr: "must be positive"},
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
	for _, want := range []string{"-addr", "env ADDR", "-upload-dir", "env UPLOAD_DIR", "-max-body", "env MAX_BODY_BYTES",
		"-max-upload", "env MAX_UPLOAD_BYTES", "-log-format", "env LOG_FORMAT"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
