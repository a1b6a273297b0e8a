package postgres

import (
	"context"
	"net/url"
	"testing"
	"time"

	"workbook/capstone/conduit"
	"workbook/testinfra"
)

// withParam returns dbURL with one more query parameter.
func withParam(t *testing.T, dbURL, k, v string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestSessionDefaults: every connection runs with the statement timeout,
// the idle-in-transaction timeout and JIT off, unless the URL says otherwise.
func TestSessionDefaults(t *testing.T) {
	dbURL := testinfra.Postgres(t)
	ctx := context.Background()
	s, err := Open(ctx, dbURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, want := range map[string]string{"statement_timeout": "5s", "idle_in_transaction_session_timeout": "10s", "jit": "off"} {
		var got string
		if err := s.pool.QueryRow(ctx, "SELECT current_setting($1)", name).Scan(&got); err != nil || got != want {
			t.Errorf("current_setting(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	own, err := Open(ctx, withParam(t, dbURL, "statement_timeout", "250ms"), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	var got string
	if err := own.pool.QueryRow(ctx, "SHOW statement_timeout").Scan(&got); err != nil || got != "250ms" {
		t.Errorf("with ?statement_timeout=250ms in the URL: SHOW statement_timeout = %q, %v; want 250ms", got, err)
	}
}

// TestSlowQueryIsCutAndUnavailable: the server cancels a statement past
// statement_timeout, and the store reports it as EUNAVAILABLE (a 503), not
// as an internal error.
func TestSlowQueryIsCutAndUnavailable(t *testing.T) {
	dbURL := testinfra.Postgres(t)
	ctx := context.Background()
	s, err := Open(ctx, withParam(t, dbURL, "statement_timeout", "100ms"), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = s.pool.Exec(ctx, "SELECT pg_sleep(30)")
	if got := domainError(err, ""); conduit.ErrorCode(got) != conduit.EUNAVAILABLE {
		t.Fatalf("a 30 s sleep under a 100 ms statement_timeout: %v → %v, want EUNAVAILABLE", err, got)
	}
	t.Logf("cut after %v (statement_timeout 100ms)", time.Since(start).Round(time.Millisecond))
}

// TestExhaustedPoolIsUnavailable: with every connection taken, a store call
// waits only until its request's deadline and then reports EUNAVAILABLE.
func TestExhaustedPoolIsUnavailable(t *testing.T) {
	dbURL := testinfra.Postgres(t)
	ctx := context.Background()
	s, err := Open(ctx, dbURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	held, err := s.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	rctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = s.UserByID(rctx, 1)
	if conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("UserByID with the pool exhausted = %v, want EUNAVAILABLE once the deadline passes", err)
	}
}
