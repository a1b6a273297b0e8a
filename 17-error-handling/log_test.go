package main

import (
	"strings"
	"testing"
)

// TestOneLogLinePerFailure: every failure writes exactly one log line with
// its request ID — Info without cause or stack for a 4xx, Error with the
// cause chain for a 5xx, and the stack for a panic only.
func TestOneLogLinePerFailure(t *testing.T) {
	for _, f := range failures() {
		t.Run(f.name, func(t *testing.T) {
			a := newTestApp(t)
			if f.setup != nil {
				f.setup(a)
			}
			rec := a.do(f.method, f.target, f.body, f.header...)
			id := rec.Header().Get("X-Request-Id")
			lines := a.logs.forRequest(t, id)
			if len(lines) != 1 {
				t.Fatalf("%d log lines for request %s, want 1: %v", len(lines), id, lines)
			}
			l := lines[0]
			if l["code"] != string(f.code) || l["status"] != float64(f.status) || l["path"] == nil {
				t.Errorf("log line = %v, want code %s, status %d, path", l, f.code, f.status)
			}
			_, hasErr := l["err"]
			_, hasChain := l["chain"]
			_, hasStack := l["stack"]
			if f.status < 500 {
				if l["level"] != "INFO" || hasErr || hasChain || hasStack {
					t.Errorf("4xx log line = %v, want level INFO without err, chain or stack", l)
				}
				return
			}
			if l["level"] != "ERROR" || !hasErr || !hasChain {
				t.Errorf("5xx log line = %v, want level ERROR with err and chain", l)
			}
			if panicked := l["kind"] == "programming"; panicked != hasStack {
				t.Errorf("kind %v with stack %v: want a stack exactly for a panic", l["kind"], hasStack)
			}
		})
	}
}

// TestLogKeepsTheCause: what the client never sees is in the log.
func TestLogKeepsTheCause(t *testing.T) {
	for _, c := range []struct {
		target, mode string
		want         []string
	}{
		{"/articles/3/cover", "up", []string{"is a directory", "3.svg", "*fs.PathError"}},
		{"/articles/2/excerpt", "up", []string{"slice bounds out of range", "*main.panicError"}},
		{"/articles/1/views", "down", []string{"SELECT count(*)", "connection refused", "*net.OpError", "attempt(s)"}},
	} {
		a := newTestApp(t)
		a.views.dep.setMode(c.mode)
		rec := a.do("GET", c.target, "")
		lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id"))
		if len(lines) != 1 {
			t.Fatalf("GET %s: %d log lines, want 1", c.target, len(lines))
		}
		var text strings.Builder
		text.WriteString(lines[0]["err"].(string))
		for _, c := range lines[0]["chain"].([]any) {
			text.WriteString(" " + c.(string))
		}
		for _, w := range c.want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("GET %s: log err+chain %q lacks %q", c.target, text.String(), w)
			}
		}
	}
}

// TestSuccessesAreNotLogged: no line for a request that did not fail.
func TestSuccessesAreNotLogged(t *testing.T) {
	a := newTestApp(t)
	rec := a.do("GET", "/articles/1", "")
	if lines := a.logs.forRequest(t, rec.Header().Get("X-Request-Id")); rec.Code != 200 || len(lines) != 0 {
		t.Errorf("GET /articles/1 = %d with log lines %v, want 200 and none", rec.Code, lines)
	}
}
