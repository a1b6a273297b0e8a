package main

import (
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, config{addr: "127.0.0.1:8006", logFormat: "text", checkTimeout: 500 * time.Millisecond}, false},
		{"env", nil, map[string]string{"ADDR": ":9", "CHECK_TIMEOUT": "2s", "REPO_DELAY": "1s"},
			config{addr: ":9", logFormat: "text", checkTimeout: 2 * time.Second, repoDelay: time.Second}, false},
		{"flag beats env", []string{"-repo-delay", "3s"}, map[string]string{"REPO_DELAY": "1s"},
			config{addr: "127.0.0.1:8006", logFormat: "text", checkTimeout: 500 * time.Millisecond, repoDelay: 3 * time.Second}, false},
		{"bad env duration", nil, map[string]string{"CHECK_TIMEOUT": "soon"}, config{}, true},
		{"zero timeout", []string{"-check-timeout", "0s"}, nil, config{}, true},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, true},
	}
	for _, tc := range tests {
		got, err := parseConfig(tc.args, env(tc.env))
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("%s: parseConfig(%q) = %+v, %v; want %+v (error %v)", tc.name, tc.args, got, err, tc.want, tc.wantErr)
		}
	}
}
