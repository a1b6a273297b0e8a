package main

import (
	"errors"
	"flag"
	"io"
	"slices"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	got, err := parseConfig(nil, env(nil), io.Discard)
	if err != nil || got.addr != "127.0.0.1:8022" || got.debugAddr != "127.0.0.1:6022" || got.instances != 3 ||
		got.strategy != "round-robin" || !slices.Equal(got.weights, []int{1, 1, 1}) || !got.hotSpot ||
		got.health != (healthConfig{500 * time.Millisecond, 200 * time.Millisecond, 2, 2}) {
		t.Errorf("defaults = %+v, %v", got, err)
	}
	got, err = parseConfig([]string{"-strategy", "weighted", "-weights", "3, 1"}, env(map[string]string{"INSTANCES": "2", "HOT_SPOT": "false"}), io.Discard)
	if err != nil || got.strategy != "weighted" || !slices.Equal(got.weights, []int{3, 1}) || got.hotSpot {
		t.Errorf("weighted = %+v, %v", got, err)
	}
	for _, args := range [][]string{
		{"-instances", "0"}, {"-instances", "17"}, {"-strategy", "random"}, {"-weights", "1,1"}, {"-weights", "1,0,1"},
		{"-health-timeout", "1s"}, {"-unhealthy-after", "0"}, {"-healthy-after", "0"}, {"-work-time", "2s"},
		{"-replica-lag", "-1s"}, {"-log-format", "xml"}, {"-health-interval", "0s"},
	} {
		if _, err := parseConfig(args, env(nil), io.Discard); err == nil {
			t.Errorf("parseConfig(%q) accepted it", args)
		}
	}
	for _, e := range []map[string]string{{"INSTANCES": "x"}, {"HEALTH_TIMEOUT": "soon"}, {"HOT_SPOT": "maybe"}} {
		if _, err := parseConfig(nil, env(e), io.Discard); err == nil {
			t.Errorf("env %v accepted", e)
		}
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
