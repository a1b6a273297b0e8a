package main

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := parseConfig(nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := config{addr: "127.0.0.1:8019", logFormat: "json", logLevel: slog.LevelInfo, tracing: "stdout", sampleRatio: 1, readyTimeout: 300 * time.Millisecond}
	if cfg != want {
		t.Errorf("defaults = %+v, want %+v", cfg, want)
	}
	cfg, err = parseConfig([]string{"-tracing", "otlp", "-db-delay", "2s"}, env(map[string]string{"SAMPLE_RATIO": "0.25", "LOG_LEVEL": "debug", "READY_TIMEOUT": "1s"}), io.Discard)
	if err != nil || cfg.tracing != "otlp" || cfg.sampleRatio != 0.25 || cfg.logLevel != slog.LevelDebug || cfg.readyTimeout != time.Second || cfg.dbDelay != 2*time.Second {
		t.Errorf("parseConfig = %+v, %v", cfg, err)
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-tracing", "jaeger"}, nil, "tracing"},
		{[]string{"-sample-ratio", "1.5"}, nil, "sample ratio"},
		{[]string{"-sample-ratio", "NaN"}, nil, "sample ratio"},
		{[]string{"-log-format", "xml"}, nil, "log format"},
		{[]string{"-log-level", "loud"}, nil, "log level"},
		{[]string{"-ready-timeout", "0s"}, nil, "ready timeout"},
		{[]string{"-db-delay", "-1s"}, nil, "db delay"},
		{nil, map[string]string{"SAMPLE_RATIO": "half"}, "SAMPLE_RATIO"},
		{nil, map[string]string{"DB_DELAY": "soon"}, "DB_DELAY"},
	} {
		if _, err := parseConfig(c.args, env(c.env), io.Discard); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseConfig(%v, %v) err = %v, want one naming %s", c.args, c.env, err, c.want)
		}
	}
}
