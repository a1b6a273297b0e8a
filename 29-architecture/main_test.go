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
	def := config{"127.0.0.1:8029", "127.0.0.1:0", "127.0.0.1:0", 0, "text"}
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, def, false},
		{"env", nil, map[string]string{"ADDR": ":1", "APP_ADDR": ":2", "PAYMENT_ADDR": ":3", "PAYMENT_DELAY": "2s", "LOG_FORMAT": "json"}, config{":1", ":2", ":3", 2 * time.Second, "json"}, false},
		{"flag wins", []string{"-payment-delay", "1s"}, map[string]string{"PAYMENT_DELAY": "3s"}, config{"127.0.0.1:8029", "127.0.0.1:0", "127.0.0.1:0", time.Second, "text"}, false},
		{"bad env duration", nil, map[string]string{"PAYMENT_DELAY": "soon"}, config{}, true},
		{"negative delay", []string{"-payment-delay", "-1s"}, nil, config{}, true},
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
