package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"workbook/testinfra"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines to write
// while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the program in the background with env and returns its
// address, its logs, a cancel function (SIGTERM) and the channel run's
// result arrives on.
func start(t *testing.T, env map[string]string) (string, *syncBuffer, context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), logs) }()

	addrRe := regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRe.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("the server did not log its address:\n%s", logs.String())
	}
	return addr, logs, cancel, done
}

// TestRunServesAndShutsDown starts the real program on a free port, makes
// a request, cancels (as SIGTERM would) and checks the shutdown order.
func TestRunServesAndShutsDown(t *testing.T) {
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10"})
	resp, err := http.Get("http://" + addr + "/api/tags")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/tags = %d, want 200", resp.StatusCode)
	}

	if err := healthcheck(context.Background(), addr); err != nil {
		t.Errorf("healthcheck(%s) = %v, want nil", addr, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return 10s after cancel")
	}
	out := logs.String()
	for _, want := range []string{`"msg":"JWT_SECRET is not set`, `"route":"/api/tags"`, `"msg":"shutting down: failing readiness"`, `"msg":"in-flight requests drained"`} {
		if !strings.Contains(out, want) {
			t.Errorf("logs do not contain %s", want)
		}
	}
	if strings.Index(out, "failing readiness") > strings.Index(out, "in-flight requests drained") {
		t.Error("readiness failed after the drain; want it first")
	}
	if err := healthcheck(context.Background(), addr); err == nil {
		t.Error("healthcheck after shutdown = nil, want an error")
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	err := run(context.Background(), nil, envOf(map[string]string{"ADDR": "x", "TRACING": "y"}), &syncBuffer{})
	if err == nil || !strings.Contains(err.Error(), "ADDR") || !strings.Contains(err.Error(), "TRACING") {
		t.Errorf("run with a bad config = %v, want an error naming ADDR and TRACING", err)
	}
}

// TestRunOnPostgres starts the program on a fresh database: migrations run
// at start, /readyz checks the database, and the pool closes last.
func TestRunOnPostgres(t *testing.T) {
	url := testinfra.Postgres(t)
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "DATABASE_URL": url})
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /readyz on PostgreSQL = %d, want 200", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel = %v, want nil", err)
	}
	out := logs.String()
	if !strings.Contains(out, `"kind":"postgres","migrations_applied":1`) {
		t.Errorf("logs do not show the migration applied at start:\n%s", out)
	}
	if strings.Index(out, "in-flight requests drained") > strings.Index(out, "database pool closed") {
		t.Error("the pool closed before the requests drained; want it last")
	}
}
