package main

import (
	"errors"
	"flag"
	"io"
	"testing"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := parseConfig(nil, env(nil), io.Discard)
	if err != nil || cfg.addr != "127.0.0.1:8028" || cfg.token != "dev-token" || cfg.logFormat != "text" {
		t.Fatalf("defaults = %+v, %v", cfg, err)
	}
	cfg, err = parseConfig([]string{"-token", "flag"}, env(map[string]string{"API_TOKEN": "env", "ADDR": ":1", "LOG_FORMAT": "json"}), io.Discard)
	if err != nil || cfg.token != "flag" || cfg.addr != ":1" || cfg.logFormat != "json" {
		t.Fatalf("env + flag = %+v, %v", cfg, err)
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
	for _, args := range [][]string{{"-token", ""}, {"-log-format", "xml"}, {"extra"}} {
		if _, err := parseConfig(args, env(nil), io.Discard); err == nil {
			t.Errorf("parseConfig(%q) accepted", args)
		}
	}
}
