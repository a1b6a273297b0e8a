package main

import (
	"errors"
	"flag"
	"io"
	"testing"
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
		{"defaults", nil, nil, config{addr: "127.0.0.1:8021", logFormat: "text"}, false},
		{"env", nil, map[string]string{"ADDR": "[::1]:9000", "DATABASE_URL": "postgres://x", "LOG_FORMAT": "json"},
			config{addr: "[::1]:9000", databaseURL: "postgres://x", logFormat: "json"}, false},
		{"localhost", []string{"-addr", "localhost:1"}, nil, config{addr: "localhost:1", logFormat: "text"}, false},
		{"tls pair", []string{"-tls-cert", "c.pem", "-tls-key", "k.pem"}, nil, config{addr: "127.0.0.1:8021", tlsCert: "c.pem", tlsKey: "k.pem", logFormat: "text"}, false},
		{"all interfaces refused", []string{"-addr", ":8021"}, nil, config{}, true},
		{"public IP refused", []string{"-addr", "0.0.0.0:8021"}, nil, config{}, true},
		{"a LAN address refused", []string{"-addr", "192.168.1.5:8021"}, nil, config{}, true},
		{"a host name refused", []string{"-addr", "example.com:8021"}, nil, config{}, true},
		{"no port", []string{"-addr", "127.0.0.1"}, nil, config{}, true},
		{"cert without key", []string{"-tls-cert", "c.pem"}, nil, config{}, true},
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
