package main

import (
	"errors"
	"flag"
	"io"
	"reflect"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	defaults := config{
		addr: "127.0.0.1:8125", exchange: "25-realtime.chat", tokenTTL: time.Hour,
		transports: []string{"websocket", "sse", "poll"}, history: 256, sendBuffer: 64, maxRooms: 1000,
		pingInterval: 20 * time.Second, pollTimeout: 25 * time.Second, sendRate: 2, sendBurst: 5, logFormat: "text",
	}
	with := func(f func(*config)) config { c := defaults; f(&c); return c }
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "defaults", want: defaults},
		{name: "env", env: map[string]string{
			"ADDR": ":0", "AMQP_URL": "amqp://x/", "AMQP_EXCHANGE": "ex", "TOKEN_SECRET": "s", "TOKEN_TTL": "1m",
			"ALLOWED_ORIGINS": "https://a.example, https://b.example", "TRANSPORTS": "sse", "HISTORY": "10",
			"SEND_BUFFER": "2", "MAX_ROOMS": "3", "PING_INTERVAL": "1s", "POLL_TIMEOUT": "2s", "SEND_RATE": "0.5",
			"SEND_BURST": "1", "LOG_FORMAT": "json",
		}, want: config{addr: ":0", amqpURL: "amqp://x/", exchange: "ex", tokenSecret: "s", tokenTTL: time.Minute,
			allowedOrigins: []string{"https://a.example", "https://b.example"}, transports: []string{"sse"}, history: 10,
			sendBuffer: 2, maxRooms: 3, pingInterval: time.Second, pollTimeout: 2 * time.Second, sendRate: 0.5, sendBurst: 1, logFormat: "json"}},
		{name: "flag wins", args: []string{"-addr", ":1", "-transports", "poll,sse"}, env: map[string]string{"ADDR": ":0"},
			want: with(func(c *config) { c.addr, c.transports = ":1", []string{"poll", "sse"} })},
		{name: "bad duration env", env: map[string]string{"PING_INTERVAL": "often"}, wantErr: true},
		{name: "bad int env", env: map[string]string{"HISTORY": "many"}, wantErr: true},
		{name: "bad rate env", env: map[string]string{"SEND_RATE": "fast"}, wantErr: true},
		{name: "unknown transport", args: []string{"-transports", "websocket,carrier-pigeon"}, wantErr: true},
		{name: "no transport", args: []string{"-transports", ","}, wantErr: true},
		{name: "zero history", args: []string{"-history", "0"}, wantErr: true},
		{name: "zero send buffer", args: []string{"-send-buffer", "0"}, wantErr: true},
		{name: "poll timeout over the write timeout", args: []string{"-poll-timeout", "30s"}, wantErr: true},
		{name: "zero ping", args: []string{"-ping-interval", "0s"}, wantErr: true},
		{name: "zero rate", args: []string{"-send-rate", "0"}, wantErr: true},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, env(tc.env), io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseConfig(%q) error = %v, wantErr %v", tc.args, err, tc.wantErr)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseConfig(%q) = %+v, want %+v", tc.args, got, tc.want)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, env(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("parseConfig(-h) = %v, want flag.ErrHelp", err)
	}
}
