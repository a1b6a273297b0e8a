package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	env := map[string]string{"ADDR": "127.0.0.1:9014", "MAX_ATTEMPTS": "3", "LOG_FORMAT": "json"}
	cfg, err := parseConfig([]string{"-smtp-addr", "127.0.0.1:2525"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil || cfg.addr != "127.0.0.1:9014" || cfg.maxAttempts != 3 || cfg.logFormat != "json" || cfg.smtpAddr != "127.0.0.1:2525" {
		t.Fatalf("parseConfig = %+v, %v", cfg, err)
	}
	def, err := parseConfig(nil, func(string) string { return "" }, io.Discard)
	if err != nil || def.addr != "127.0.0.1:8014" || def.maxAttempts != 5 {
		t.Fatalf("defaults = %+v, %v", def, err)
	}
	for _, args := range [][]string{{"-max-attempts", "0"}, {"-log-format", "xml"}, {"-nope"}} {
		if _, err := parseConfig(args, func(string) string { return "" }, io.Discard); err == nil {
			t.Errorf("parseConfig(%q) = nil error, want one", args)
		}
	}
	var usage strings.Builder
	if _, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &usage); !errors.Is(err, flag.ErrHelp) || !strings.Contains(usage.String(), "env SMTP_ADDR") {
		t.Errorf("-h: %v\n%s", err, usage.String())
	}
}
