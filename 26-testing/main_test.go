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
		{"defaults", nil, nil, config{addr: "127.0.0.1:8026", logFormat: "text"}, ""},
		{"environment", nil, map[string]string{"ADDR": ":9000", "DATABASE_URL": "postgres://x", "LOG_FORMAT": "json"},
			config{addr: ":9000", databaseURL: "postgres://x", logFormat: "json"}, ""},
		{"flags beat environment", []string{"-addr", ":1", "-log-format", "text"}, map[string]string{"ADDR": ":9000", "LOG_FORMAT": "json"},
			config{addr: ":1", logFormat: "text"}, ""},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, "log format"},
		{"stray argument", []string{"serve"}, nil, config{}, "unexpected arguments"},
		{"unknown flag", []string{"-nope"}, nil, config{}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseConfig(%q) error = %v, want one containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseConfig(%q) = %+v, %v; want %+v", tt.args, got, err, tt.want)
			}
		})
	}
}

func TestParseConfigHelp(t *testing.T) {
	var out strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &out)
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "-database-url") {
		t.Fatalf("parseConfig(-h) = %v, usage %q; want flag.ErrHelp and the flags listed", err, out.String())
	}
}
