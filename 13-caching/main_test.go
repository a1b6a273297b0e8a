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
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "defaults", want: config{addr: "127.0.0.1:8013", memcachedAddr: "127.0.0.1:11211", sourceLatency: 50 * time.Millisecond, ttl: time.Minute, maxAge: 30 * time.Second, logFormat: "text"}},
		{name: "env", env: map[string]string{"ADDR": ":0", "MEMCACHED_ADDR": "m:1", "SOURCE_LATENCY": "1s", "CACHE_TTL": "2s", "HTTP_MAX_AGE": "0s", "LOG_FORMAT": "json"},
			want: config{addr: ":0", memcachedAddr: "m:1", sourceLatency: time.Second, ttl: 2 * time.Second, logFormat: "json"}},
		{name: "flag wins", args: []string{"-addr", ":1"}, env: map[string]string{"ADDR": ":0"}, want: config{addr: ":1", memcachedAddr: "127.0.0.1:11211", sourceLatency: 50 * time.Millisecond, ttl: time.Minute, maxAge: 30 * time.Second, logFormat: "text"}},
		{name: "bad duration env", env: map[string]string{"CACHE_TTL": "soon"}, wantErr: true},
		{name: "ttl too short", args: []string{"-ttl", "500ms"}, wantErr: true},
		{name: "negative latency", args: []string{"-source-latency", "-1s"}, wantErr: true},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, env(tc.env), io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseConfig(%q) error = %v, wantErr %v", tc.args, err, tc.wantErr)
			}
			if !tc.wantErr && got != tc.want {
				t.Errorf("parseConfig(%q) = %+v, want %+v", tc.args, got, tc.want)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("parseConfig(-h) = %v, want flag.ErrHelp", err)
	}
}
