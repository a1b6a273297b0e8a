package main

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := parseConfig(nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.addr != "127.0.0.1:8015" || cfg.workers != 4 || cfg.prefetch != 8 || len(cfg.retryDelays) != 3 || cfg.retryDelays[0] != time.Second {
		t.Errorf("defaults = %+v", cfg)
	}
	cfg, err = parseConfig([]string{"-workers", "2"}, env(map[string]string{"WORKERS": "9", "RETRY_DELAYS": "20ms,40ms", "ADDR": ":0"}), io.Discard)
	if err != nil || cfg.workers != 2 || len(cfg.retryDelays) != 2 || cfg.addr != ":0" {
		t.Errorf("flag over env: %+v, %v", cfg, err)
	}
	for _, tc := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"-workers", "0"}, nil},
		{[]string{"-prefetch", "x"}, nil},
		{[]string{"-retry-delays", "1s,-2s"}, nil},
		{[]string{"-log-format", "xml"}, nil},
		{nil, map[string]string{"WORKERS": "many"}},
		{[]string{"-nope"}, nil},
	} {
		if _, err := parseConfig(tc.args, env(tc.env), io.Discard); err == nil {
			t.Errorf("parseConfig(%q, %v) = nil error", tc.args, tc.env)
		}
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
