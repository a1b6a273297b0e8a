package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"workbook/12-business-logic/domain"
)

func TestParseConfig(t *testing.T) {
	defaults := config{addr: "127.0.0.1:8012", logFormat: "text", policy: domain.DefaultPolicy()}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "defaults: the in-memory adapter", want: defaults},
		{name: "environment", env: map[string]string{"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://x", "LOG_FORMAT": "json", "MIN_WORDS_FOR_REVIEW": "0", "MAX_IN_REVIEW": "7"},
			want: config{addr: "127.0.0.1:9000", databaseURL: "postgres://x", logFormat: "json", policy: domain.Policy{MinWordsForReview: 0, MaxInReview: 7}}},
		{name: "flag beats environment", args: []string{"-addr", "127.0.0.1:9001", "-database-url", "", "-max-in-review", "2"},
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://x", "MAX_IN_REVIEW": "7"},
			want: config{addr: "127.0.0.1:9001", logFormat: "text", policy: domain.Policy{MinWordsForReview: domain.MinWordsForReview, MaxInReview: 2}}},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: true},
		{name: "bad log format from the environment", env: map[string]string{"LOG_FORMAT": "yaml"}, wantErr: true},
		{name: "MAX_IN_REVIEW not a number", env: map[string]string{"MAX_IN_REVIEW": "lots"}, wantErr: true},
		{name: "MIN_WORDS_FOR_REVIEW not a number", env: map[string]string{"MIN_WORDS_FOR_REVIEW": "few"}, wantErr: true},
		{name: "no room in review", args: []string{"-max-in-review", "0"}, wantErr: true},
		{name: "negative words", args: []string{"-min-words-for-review", "-1"}, wantErr: true},
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
	for _, want := range []string{"-addr", "env ADDR", "-database-url", "env DATABASE_URL", "-log-format", "env LOG_FORMAT",
		"-min-words-for-review", "env MIN_WORDS_FOR_REVIEW", "-max-in-review", "env MAX_IN_REVIEW"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}
