package main

import (
	"errors"
	"flag"
	"io"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestMain fails the package when any test leaves a goroutine running: a
// worker never stopped, a fan-out call never cancelled, a timer never read.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	procs := runtime.GOMAXPROCS(0)
	def := config{"127.0.0.1:8023", procs, 3, 300 * time.Millisecond, 4, "text"}
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, def, false},
		{"env", nil, map[string]string{"ADDR": ":1", "WORKERS": "8", "FANOUT_LIMIT": "1", "CALL_TIMEOUT": "1s", "RENDER_CAPACITY": "2", "LOG_FORMAT": "json"},
			config{":1", 8, 1, time.Second, 2, "json"}, false},
		{"flag wins", []string{"-workers", "2"}, map[string]string{"WORKERS": "5"}, config{"127.0.0.1:8023", 2, 3, 300 * time.Millisecond, 4, "text"}, false},
		{"bad env int", nil, map[string]string{"WORKERS": "many"}, config{}, true},
		{"bad env duration", nil, map[string]string{"CALL_TIMEOUT": "soon"}, config{}, true},
		{"zero workers", []string{"-workers", "0"}, nil, config{}, true},
		{"zero limit", []string{"-fanout-limit", "0"}, nil, config{}, true},
		{"zero timeout", []string{"-call-timeout", "0s"}, nil, config{}, true},
		{"zero capacity", []string{"-render-capacity", "0"}, nil, config{}, true},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, env(tc.env), io.Discard)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseConfig(%q) = %+v, %v; want %+v, error %v", tc.args, got, err, tc.want, tc.wantErr)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
