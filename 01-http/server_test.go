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
	"time"

	"workbook/serve"
)

// testMaxBody is the /echo body limit used by tests: small, so that 413 is cheap to provoke.
const testMaxBody = 64

// discardLogger drops every log line.
var discardLogger = slog.New(slog.DiscardHandler)

// testHandler returns the inspector's routes, for tests that use
// httptest.NewRecorder and need no connection. Every error it answers is
// checked for leaked internals (watchErrors).
func testHandler(t *testing.T) http.Handler {
	t.Helper()
	return watchErrors(t, routes(testMaxBody, newConnTracker(discardLogger), discardLogger))
}

// startServer runs the real inspector server (the one main builds) on a
// loopback port and returns its base URL. The server stops when the test ends.
func startServer(t *testing.T, cfg config) (baseURL string, srv *http.Server) {
	t.Helper()
	cfg.addr = "127.0.0.1:0"
	if cfg.maxBody == 0 {
		cfg.maxBody = testMaxBody
	}
	srv, err := newServer(cfg, discardLogger)
	if err != nil {
		t.Fatalf("newServer: %v", err)
	}
	srv.Handler = watchErrors(t, srv.Handler)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, srv, ln, discardLogger, shutdownGrace) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve.Run returned %v after shutdown, want nil", err)
		}
	})
	scheme := "http://"
	if cfg.tls {
		scheme = "https://"
	}
	return scheme + ln.Addr().String(), srv
}

// newClient returns a client with its own connection pool, speaking the
// given protocols (HTTP/1.1 when none are given).
func newClient(t *testing.T, protocols ...func(*http.Protocols)) *http.Client {
	t.Helper()
	tr := &http.Transport{}
	if len(protocols) > 0 {
		tr.Protocols = new(http.Protocols)
		for _, set := range protocols {
			set(tr.Protocols)
		}
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport: tr,
		Timeout:   10 * time.Second,
		// Show redirects as they are instead of following them.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Protocol setters for newClient.
var (
	http1 = func(p *http.Protocols) { p.SetHTTP1(true) }
	h2c   = func(p *http.Protocols) { p.SetUnencryptedHTTP2(true) }
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr string
	}{
		{name: "laptop defaults", want: config{addr: "127.0.0.1:8001", maxBody: 1 << 20, logFormat: "text"}},
		{
			name: "environment",
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "TLS": "true", "MAX_BODY_BYTES": "10", "LOG_FORMAT": "json"},
			want: config{addr: "127.0.0.1:9000", tls: true, maxBody: 10, logFormat: "json"},
		},
		{
			name: "flags win over environment",
			args: []string{"-addr", "127.0.0.1:9100", "-max-body", "20"},
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "MAX_BODY_BYTES": "10"},
			want: config{addr: "127.0.0.1:9100", maxBody: 20, logFormat: "text"},
		},
		{name: "bad TLS env", env: map[string]string{"TLS": "maybe"}, wantErr: `TLS="maybe" is not a boolean`},
		{name: "bad body env", env: map[string]string{"MAX_BODY_BYTES": "lots"}, wantErr: "MAX_BODY_BYTES"},
		{name: "zero body limit", args: []string{"-max-body", "0"}, wantErr: "max body must be positive"},
		{name: "unknown log format", args: []string{"-log-format", "xml"}, wantErr: "log format"},
		{name: "unknown flag", args: []string{"-port", "1"}, wantErr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseConfig(%q) error = %v, want one containing %q", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseConfig(%q) = %+v, %v; want %+v, nil", tc.args, got, err, tc.want)
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
	for _, want := range []string{"-addr", "env ADDR", "-tls", "env TLS", "-max-body", "env MAX_BODY_BYTES", "-log-format", "env LOG_FORMAT"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("-h usage does not mention %q:\n%s", want, usage.String())
		}
	}
}

// TestServeShutsDownGracefully checks that a request in flight when the
// shutdown starts still gets its whole response.
func TestServeShutsDownGracefully(t *testing.T) {
	srv, err := newServer(config{maxBody: testMaxBody}, discardLogger)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, srv, ln, discardLogger, shutdownGrace) }()

	client := newClient(t)
	resp, err := client.Get("http://" + ln.Addr().String() + "/stream?n=3&interval=100ms")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cancel() // shut down while the stream is still being written

	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading a stream cut by shutdown: %v", err)
	}
	if want := "line 1 of 3\nline 2 of 3\nline 3 of 3\n"; string(body) != want {
		t.Errorf("stream during shutdown = %q, want %q", body, want)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve.Run() = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve.Run did not return within 5s of cancel")
	}
	if _, err := newClient(t).Get("http://" + ln.Addr().String() + "/"); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("GET after shutdown: err = %v, want a connection error", err)
	}
}
