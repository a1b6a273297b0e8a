package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// TestLogsCarryCorrelationIDs: every access-log line of one request, in both
// services, has the same request_id (the one the client got back) and the
// trace_id of the request's spans.
func TestLogsCarryCorrelationIDs(t *testing.T) {
	ts := startSystem(t, testConfig())
	resp := ts.do(t, "GET", "/articles/observability-101", nil, map[string]string{"X-Request-Id": "req-42"})
	if got := resp.Header.Get("X-Request-Id"); got != "req-42" {
		t.Fatalf("X-Request-Id = %q, want the caller's req-42", got)
	}
	traceID := ts.spans.GetSpans()[0].SpanContext.TraceID().String()
	services := map[any]bool{}
	for _, l := range ts.logs.lines(t) {
		if l["msg"] != "request" {
			continue
		}
		services[l["service"]] = true
		if l["request_id"] != "req-42" || l["trace_id"] != traceID || l["span_id"] == nil {
			t.Errorf("%s log line has request_id=%v trace_id=%v span_id=%v, want req-42, %s and a span", l["service"], l["request_id"], l["trace_id"], l["span_id"], traceID)
		}
		if l["route"] == nil || l["status"] == nil || l["level"] != "INFO" {
			t.Errorf("access line lacks route/status/level: %v", l)
		}
	}
	if !services["frontend"] || !services["backend"] {
		t.Errorf("access lines from %v, want frontend and backend", services)
	}

	// A request ID that is not a plain token is replaced, not echoed.
	resp = ts.do(t, "GET", "/livez", nil, map[string]string{"X-Request-Id": "evil\"id with spaces"})
	if got := resp.Header.Get("X-Request-Id"); len(got) != 16 || strings.Contains(got, "evil") {
		t.Errorf("X-Request-Id = %q, want a fresh 16-hex ID", got)
	}
}

// TestNoPIIInLogs: addresses and secrets sent in a path, a body, or passed
// as attributes (grouped, through a LogValuer, through WithAttrs) never
// appear in the log output.
func TestNoPIIInLogs(t *testing.T) {
	ts := startSystem(t, testConfig())
	ts.do(t, "GET", "/articles/bob.smith@example.com", nil, nil)
	if resp := ts.do(t, "POST", "/newsletter", strings.NewReader(`{"email":"alice@example.org"}`), map[string]string{"Content-Type": "application/json"}); resp.StatusCode != 202 {
		t.Fatalf("POST /newsletter = %d, want 202", resp.StatusCode)
	}
	out := ts.logs.String()
	for _, pii := range []string{"bob.smith@example.com", "alice@example.org"} {
		if strings.Contains(out, pii) {
			t.Errorf("log output contains %q:\n%s", pii, out)
		}
	}
	if !strings.Contains(out, `"path":"/articles/[EMAIL]"`) || !strings.Contains(out, `"subscriber":{"email":"[REDACTED]","domain":"example.org"}`) {
		t.Errorf("log output lacks the masked path and subscriber group:\n%s", out)
	}

	var buf bytes.Buffer
	logger, _ := newLogger("json", &buf, slog.LevelInfo)
	logger.With("password", "hunter2").WithGroup("req").Info("login",
		"Authorization", "Bearer abc.def.ghi",
		slog.Group("user", "token", "tok-123", "note", "mail carol@example.net"),
		"who", user{"dave@example.com"})
	for _, secret := range []string{"hunter2", "abc.def.ghi", "tok-123", "carol@example.net", "dave@example.com"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("log line leaks %q: %s", secret, buf.String())
		}
	}
	if strings.Count(buf.String(), "[REDACTED]") != 3 || strings.Count(buf.String(), "[EMAIL]") != 2 {
		t.Errorf("want 3 [REDACTED] and 2 [EMAIL] in %s", buf.String())
	}
}

// user logs as its e-mail: a LogValuer, resolved before redact sees it.
type user struct{ email string }

func (u user) LogValue() slog.Value { return slog.StringValue(u.email) }

func TestLoggerRejectsUnknownFormat(t *testing.T) {
	if _, err := newLogger("xml", &bytes.Buffer{}, slog.LevelInfo); err == nil {
		t.Error("newLogger(xml) = nil error")
	}
	var buf bytes.Buffer
	logger, _ := newLogger("text", &buf, slog.LevelWarn)
	logger.InfoContext(context.Background(), "hidden")
	logger.Warn("shown", "email", "x@y.zz")
	if strings.Contains(buf.String(), "hidden") || !strings.Contains(buf.String(), "email=[REDACTED]") {
		t.Errorf("text logger at warn wrote %q", buf.String())
	}
}
