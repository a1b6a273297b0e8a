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
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, config{"127.0.0.1:8020", 2 * time.Second, 20 * time.Second, 500 * time.Millisecond, "text"}, false},
		{"env", nil, map[string]string{"ADDR": ":1", "DRAIN_DELAY": "0s", "SHUTDOWN_GRACE": "5s", "DEP_CLOSE": "-1s", "LOG_FORMAT": "json"}, config{":1", 0, 5 * time.Second, -time.Second, "json"}, false},
		{"flag wins", []string{"-drain-delay", "1s"}, map[string]string{"DRAIN_DELAY": "3s"}, config{"127.0.0.1:8020", time.Second, 20 * time.Second, 500 * time.Millisecond, "text"}, false},
		{"bad env duration", nil, map[string]string{"DRAIN_DELAY": "soon"}, config{}, true},
		{"grace not after drain", []string{"-grace", "2s"}, nil, config{}, true},
		{"negative drain", []string{"-drain-delay", "-1s"}, nil, config{}, true},
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
