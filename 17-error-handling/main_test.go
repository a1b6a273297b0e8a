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
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := parseConfig(nil, env(nil), io.Discard)
	if err != nil || cfg.addr != "127.0.0.1:8017" || cfg.depMode != "up" || cfg.depBudget != time.Second || cfg.breakerOpen != 10*time.Second || cfg.logFormat != "text" {
		t.Errorf("defaults = %+v, %v", cfg, err)
	}
	cfg, err = parseConfig([]string{"-dep-mode", "flaky"}, env(map[string]string{"DEP_MODE": "down", "DEP_BUDGET": "2s", "ADDR": ":9"}), io.Discard)
	if err != nil || cfg.depMode != "flaky" || cfg.depBudget != 2*time.Second || cfg.addr != ":9" {
		t.Errorf("env + flag = %+v, %v; want the flag over the env", cfg, err)
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-dep-mode", "sideways"}, nil, "dep mode"},
		{[]string{"-log-format", "xml"}, nil, "log format"},
		{[]string{"-dep-budget", "0s"}, nil, "positive"},
		{nil, map[string]string{"BREAKER_OPEN": "soon"}, "BREAKER_OPEN"},
		{[]string{"extra"}, nil, "unexpected"},
	} {
		if _, err := parseConfig(c.args, env(c.env), io.Discard); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseConfig(%q, %v) = %v, want an error about %s", c.args, c.env, err, c.want)
		}
	}
}
