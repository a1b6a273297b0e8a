package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"workbook/serve"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "defaults", want: config{addr: "127.0.0.1:8003", logFormat: "text", maxBody: 1 << 20}},
		{name: "environment", env: map[string]string{"ADDR": "127.0.0.1:9000", "LOG_FORMAT": "json", "MAX_BODY_BYTES": "4096"}, want: config{addr: "127.0.0.1:9000", logFormat: "json", maxBody: 4096}},
		{name: "flag beats environment", args: []string{"-addr", "127.0.0.1:9001", "-max-body", "2048"}, env: map[string]string{"ADDR": "127.0.0.1:9000"}, want: config{addr: "127.0.0.1:9001", logFormat: "text", maxBody: 2048}},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: true},
		{name: "bad log format from the environment", env: map[string]string{"LOG_FORMAT": "yaml"}, wantErr: true},
		{name: "bad MAX_BODY_BYTES", env: map[string]string{"MAX_BODY_BYTES": "lots"}, wantErr: true},
		{name: "max body too small", args: []string{"-max-body", "10"}, wantErr: true},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseConfig(%q) error = %v, want error %v", tc.args, err, tc.wantErr)
			}
			if !tc.wantErr && got != tc.want {
				t.Errorf("parseConfig(%q) = %+v, want %+v", tc.args, got, tc.want)
			}
		})
	}
}

// TestParseConfigHelp: -h prints every flag with its environment variable
// and returns flag.ErrHelp, which main turns into exit status 0.
func TestParseConfigHelp(t *testing.T) {
	var usage strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &usage)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("parseConfig(-h) error = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"-addr", "env ADDR", "-log-format", "env LOG_FORMAT", "-max-body", "env MAX_BODY_BYTES"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}

// TestServeAndShutdown runs the real server on a loopback port, makes one
// request through the network and checks that cancelling stops it cleanly.
func TestServeAndShutdown(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, newServer(config{maxBody: 1 << 20}, logger), ln, logger, shutdownGrace) }()

	res, err := http.Get("http://" + ln.Addr().String() + "/articles/how-to-serialize")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /articles/how-to-serialize through the network answered %d, want 200", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve.Run returned %v after shutdown, want nil", err)
	}
}
