package trace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLogKeepsTheLastTraces(t *testing.T) {
	l := NewLog(2, time.Now, slog.New(slog.DiscardHandler))
	a := l.Begin("a")
	if l.Begin("a") != a {
		t.Error("Begin of a known ID started a new trace; the app must continue the edge's")
	}
	l.Begin("b")
	l.Begin("c")
	if _, ok := l.Get("a"); ok {
		t.Error("the oldest trace was kept past the limit")
	}
	if _, ok := l.Get("c"); !ok {
		t.Error("the newest trace is missing")
	}
}

func TestFailKeepsErrorTextInTheLog(t *testing.T) {
	var buf bytes.Buffer
	l := NewLog(4, time.Now, slog.New(slog.NewTextHandler(&buf, nil)))
	ctx := NewContext(context.Background(), l.Begin("r1"))
	secret := errors.New(`pq: password authentication failed for user "shop"`)
	Fail(ctx, "store", "save order 7", secret)
	Fail(ctx, "payment", "authorize", fmt.Errorf("wrapped: %w", context.DeadlineExceeded))
	Record(context.Background(), "nowhere", "no trace: no-op")
	tr, _ := l.Get("r1")
	hops := tr.Hops()
	if len(hops) != 2 || hops[0].Detail != "save order 7: failed" || hops[1].Detail != "authorize: timed out" {
		t.Errorf("hops = %+v; want the failure kinds only", hops)
	}
	if !strings.Contains(buf.String(), "password authentication failed") {
		t.Errorf("the log lacks the error: %s", buf.String())
	}
}
