package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"
	"time"
)

// newLogger logs JSON into buf through New.
func newLogger(buf *bytes.Buffer, keys ...string) *slog.Logger {
	return slog.New(New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}), keys...))
}

func decode(t *testing.T, line []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatalf("log line %q is not JSON: %v (edit exercises/2-redacting-handler/redact.go)", line, err)
	}
	return m
}

// TestHandlerConformance runs the standard library's handler test suite: a
// wrapper must keep every behaviour of the handler it wraps.
func TestHandlerConformance(t *testing.T) {
	var buf bytes.Buffer
	slogtest.Run(t, func(*testing.T) slog.Handler {
		buf.Reset()
		return New(slog.NewJSONHandler(&buf, nil))
	}, func(t *testing.T) map[string]any {
		return decode(t, buf.Bytes())
	})
}

// email logs as an address: a LogValuer must be resolved before redaction.
type email string

func (e email) LogValue() slog.Value { return slog.StringValue(string(e)) }

// account logs as a group holding a password.
type account struct{ name, password string }

func (a account) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", a.name), slog.String("password", a.password))
}

// TestNoLeaks: each way a secret reaches a handler, and the placeholder
// that must stand in its place.
func TestNoLeaks(t *testing.T) {
	cases := []struct {
		name   string
		log    func(*slog.Logger)
		secret string
		want   string // a fragment of the JSON line
	}{
		{"key password", func(l *slog.Logger) { l.Info("m", "password", "hunter2") }, "hunter2", `"password":"[REDACTED]"`},
		{"key in another case", func(l *slog.Logger) { l.Info("m", "Authorization", "Basic dXNlcjpwYXNz") }, "dXNlcjpwYXNz", `"Authorization":"[REDACTED]"`},
		{"upper-case key", func(l *slog.Logger) { l.Info("m", "SECRET", "s3") }, "s3", `"SECRET":"[REDACTED]"`},
		{"non-string value", func(l *slog.Logger) { l.Info("m", "token", 123456789) }, "123456789", `"token":"[REDACTED]"`},
		{"every default key", func(l *slog.Logger) {
			l.Info("m", "api_key", "sekrit-a", "cookie", "sekrit-c", "secret", "sekrit-s")
		}, "sekrit", `"api_key":"[REDACTED]","cookie":"[REDACTED]","secret":"[REDACTED]"`},
		{"inside a group", func(l *slog.Logger) { l.Info("m", slog.Group("user", "name", "ana", "password", "p1")) }, "p1", `"user":{"name":"ana","password":"[REDACTED]"}`},
		{"two groups deep", func(l *slog.Logger) {
			l.Info("m", slog.Group("req", slog.Group("headers", "authorization", "Basic zz9")))
		}, "zz9", `"req":{"headers":{"authorization":"[REDACTED]"}}`},
		{"a sensitive group", func(l *slog.Logger) { l.Info("m", slog.Group("secret", "a", "g1", "b", "g2")) }, "g1", `"secret":"[REDACTED]"`},
		{"inline group", func(l *slog.Logger) { l.Info("m", slog.Group("", "password", "inl")) }, "inl", `"password":"[REDACTED]"`},
		{"WithAttrs", func(l *slog.Logger) { l.With("password", "w1").Info("m") }, "w1", `"password":"[REDACTED]"`},
		{"WithAttrs group", func(l *slog.Logger) { l.With(slog.Group("db", "password", "w2")).Info("m") }, "w2", `"db":{"password":"[REDACTED]"}`},
		{"WithAttrs email", func(l *slog.Logger) { l.With("user", "w3@example.com").Info("m") }, "w3@example.com", `"user":"[EMAIL]"`},
		{"WithGroup", func(l *slog.Logger) { l.WithGroup("req").Info("m", "token", "g3") }, "g3", `"req":{"token":"[REDACTED]"}`},
		{"WithGroup then WithAttrs", func(l *slog.Logger) { l.WithGroup("req").With("cookie", "g4").Info("m") }, "g4", `"req":{"cookie":"[REDACTED]"}`},
		{"WithAttrs then WithGroup", func(l *slog.Logger) { l.With("secret", "g5").WithGroup("x").Info("m", "a", 1) }, "g5", `"secret":"[REDACTED]","x":{"a":1}`},
		{"two WithGroups", func(l *slog.Logger) { l.WithGroup("a").WithGroup("b").Info("m", "password", "g6") }, "g6", `"a":{"b":{"password":"[REDACTED]"}}`},
		{"LogValuer string", func(l *slog.Logger) { l.Info("m", "who", email("lv@example.com")) }, "lv@example.com", `"who":"[EMAIL]"`},
		{"LogValuer group", func(l *slog.Logger) { l.Info("m", "acct", account{"ana", "lv2"}) }, "lv2", `"acct":{"name":"ana","password":"[REDACTED]"}`},
		{"LogValuer in a group", func(l *slog.Logger) { l.Info("m", slog.Group("g", "acct", account{"bo", "lv3"})) }, "lv3", `"g":{"acct":{"name":"bo","password":"[REDACTED]"}}`},
		{"LogValuer in WithAttrs", func(l *slog.Logger) { l.With("acct", account{"cy", "lv4"}).Info("m") }, "lv4", `"acct":{"name":"cy","password":"[REDACTED]"}`},
		{"e-mail in a value", func(l *slog.Logger) { l.Info("m", "path", "/users/bob@example.com/posts") }, "bob@example.com", `"path":"/users/[EMAIL]/posts"`},
		{"two e-mails", func(l *slog.Logger) { l.Info("m", "to", "a@x.io, b@y.io") }, "@", `"to":"[EMAIL], [EMAIL]"`},
		{"e-mail in a group value", func(l *slog.Logger) { l.Info("m", slog.Group("u", "contact", "c@example.org")) }, "c@example.org", `"u":{"contact":"[EMAIL]"}`},
		{"e-mail in the message", func(l *slog.Logger) { l.Info("signup from d@example.net") }, "d@example.net", `"msg":"signup from [EMAIL]"`},
		{"e-mail in an error", func(l *slog.Logger) { l.Error("m", "err", errors.New("no user e@example.com")) }, "e@example.com", `"err":"no user [EMAIL]"`},
		{"bearer token in a value", func(l *slog.Logger) { l.Info("m", "header", "Bearer abc123.def") }, "abc123", `"header":"Bearer [REDACTED]"`},
		{"JWT in a URL", func(l *slog.Logger) {
			l.Info("m", "url", "/cb?t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl&x=1")
		}, "c2lnbmF0dXJl", `"url":"/cb?t=[REDACTED]&x=1"`},
		{"extra key", func(l *slog.Logger) { l.Info("m", "ssn", "078-05-1120") }, "078-05-1120", `"ssn":"[REDACTED]"`},
		{"extra key in another case", func(l *slog.Logger) { l.Info("m", "Card_Number", "4111") }, "4111", `"Card_Number":"[REDACTED]"`},
		{"defaults kept with extra keys", func(l *slog.Logger) { l.Info("m", "password", "dk1") }, "dk1", `"password":"[REDACTED]"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			c.log(newLogger(&buf, "ssn", "CARD_NUMBER"))
			line := buf.String()
			if line == "" {
				t.Fatal("nothing logged (edit exercises/2-redacting-handler/redact.go)")
			}
			if strings.Contains(line, c.secret) {
				t.Errorf("log line leaks %q:\n%s", c.secret, line)
			}
			if !strings.Contains(line, c.want) {
				t.Errorf("log line lacks %s:\n%s", c.want, line)
			}
		})
	}
}

// TestKeepsWhatIsHarmless: values that are not sensitive pass unchanged,
// with their types and structure.
func TestKeepsWhatIsHarmless(t *testing.T) {
	var buf bytes.Buffer
	l := newLogger(&buf)
	l.With("service", "api").WithGroup("req").Info("served /articles",
		"user", "ana", "status", 200, "ok", true, "ms", 1.5,
		"at", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		slog.Group("author", "name", "jake", "passwords_changed", 2),
		"note", "not an address: a@b")
	want := `"msg":"served /articles","service":"api","req":{"user":"ana","status":200,"ok":true,"ms":1.5,"at":"2026-01-02T03:04:05Z","author":{"name":"jake","passwords_changed":2},"note":"not an address: a@b"}}`
	if !strings.HasSuffix(strings.TrimSpace(buf.String()), want) {
		t.Errorf("log line\n%s\nwant it to end with\n%s", buf.String(), want)
	}
}

// TestPreservesRecord: level, time, source and the wrapped handler's level
// filter survive the wrapper.
func TestPreservesRecord(t *testing.T) {
	var buf bytes.Buffer
	h := New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn, AddSource: true}))
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelWarn) {
		t.Errorf("Enabled(info, warn) = %v, %v; want the wrapped handler's answer false, true",
			h.Enabled(context.Background(), slog.LevelInfo), h.Enabled(context.Background(), slog.LevelWarn))
	}
	l := slog.New(h)
	l.Warn("careful", "n", 1)
	m := decode(t, buf.Bytes())
	src, _ := m["source"].(map[string]any)
	if m["level"] != "WARN" || m["time"] == nil || src == nil || !strings.HasSuffix(src["file"].(string), "redact_test.go") {
		t.Errorf("record = %v; want level WARN, a time and source in redact_test.go", m)
	}
	for _, child := range []slog.Handler{h.WithAttrs([]slog.Attr{slog.Int("a", 1)}), h.WithGroup("g")} {
		if child.Enabled(context.Background(), slog.LevelInfo) {
			t.Errorf("%T.Enabled(info) = true after WithAttrs/WithGroup; want the wrapped handler's false", child)
		}
	}
}

// TestDoesNotModifyCallerData: the attributes a caller passes (a group's
// slice, a WithAttrs slice) are its own; a handler may not rewrite them.
func TestDoesNotModifyCallerData(t *testing.T) {
	var buf bytes.Buffer
	l := newLogger(&buf)
	g := slog.Group("user", "password", "p1", "contact", "me@example.com")
	l.Info("m", g)
	if got := g.Value.Group(); got[0].Value.String() != "p1" || got[1].Value.String() != "me@example.com" {
		t.Errorf("after logging, the caller's group holds %v; want it unchanged", got)
	}
	attrs := []slog.Attr{slog.String("secret", "s1"), slog.String("to", "x@example.com")}
	l.Handler().WithAttrs(attrs)
	if attrs[0].Value.String() != "s1" || attrs[1].Value.String() != "x@example.com" {
		t.Errorf("after WithAttrs, the caller's slice holds %v; want it unchanged", attrs)
	}
	// The same redacting handler, used twice, does not leak the first
	// record's attributes into the second.
	buf.Reset()
	l.Info("one", "a", 1)
	l.Info("two", "b", 2)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || strings.Contains(lines[1], `"a":1`) {
		t.Errorf("two records logged as %q", lines)
	}
}

// failingWriter makes every write fail, so the wrapped handler returns an error.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestReturnsWrappedError: the wrapped handler's error reaches the caller.
func TestReturnsWrappedError(t *testing.T) {
	h := New(slog.NewJSONHandler(failingWriter{}, nil))
	r := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
	if err := h.Handle(context.Background(), r); err == nil || err.Error() != "disk full" {
		t.Errorf("Handle through a failing handler = %v, want its error \"disk full\" (edit exercises/2-redacting-handler/redact.go)", err)
	}
}
