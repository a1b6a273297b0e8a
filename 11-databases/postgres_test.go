package main

// Tests that prove, against a real PostgreSQL, what the lesson says about
// cancellation, isolation and deadlocks. Each skips without a database
// (see testinfra).

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/testinfra"
)

// testPool opens a pool on a fresh database, closed at cleanup.
func testPool(t *testing.T, s poolSettings) *pgxpool.Pool {
	t.Helper()
	pool, err := newPool(context.Background(), testinfra.Postgres(t), s)
	if err != nil {
		t.Fatalf("newPool: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// backendRunning reports whether the server process pid still exists.
func backendRunning(t *testing.T, pool *pgxpool.Pool, pid uint32) bool {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity WHERE pid = $1`, pid).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// TestCancelledQueryStopsOnTheServer: when a query's context ends, pgx v5
// returns the context's error at once, stops the query on the server
// (asyncClose sends a cancel request, then Terminate) and destroys the
// connection instead of returning it to the pool.
func TestCancelledQueryStopsOnTheServer(t *testing.T) {
	pool := testPool(t, poolSettings{MaxConns: 4})
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pid := conn.Conn().PgConn().PID()

	qctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = conn.Exec(qctx, `SELECT pg_sleep(30)`)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Exec past its deadline = %v, want an error wrapping context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Exec returned after %s, want right after the 100ms deadline", took)
	}
	if !conn.Conn().IsClosed() {
		t.Errorf("the connection is still open after its query was cancelled, want it closed")
	}
	conn.Release() // a closed connection is destroyed, not put back

	deadline := time.Now().Add(5 * time.Second)
	for backendRunning(t, pool, pid) {
		if time.Now().After(deadline) {
			t.Fatalf("server process %d still exists 5s after the cancel: the query was not stopped on the server", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	again, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Release()
	if again.Conn().PgConn().PID() == pid {
		t.Errorf("the pool handed out the cancelled connection (pid %d) again", pid)
	}
}

// TestStatementTimeoutStopsTheServer: statement_timeout, set for every
// pooled connection by newPool, makes the server abort a long statement by
// itself with SQLSTATE 57014, and the connection stays usable.
func TestStatementTimeoutStopsTheServer(t *testing.T) {
	pool := testPool(t, poolSettings{MaxConns: 2, StatementTimeout: 150 * time.Millisecond})
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	var setting string
	if err := conn.QueryRow(ctx, `SHOW statement_timeout`).Scan(&setting); err != nil || setting != "150ms" {
		t.Errorf("SHOW statement_timeout = %q, %v; want 150ms", setting, err)
	}
	_, err = conn.Exec(ctx, `SELECT pg_sleep(5)`)
	if code := pgCode(err); code != "57014" {
		t.Fatalf("a 5s statement under a 150ms statement_timeout = %v (SQLSTATE %q), want 57014 query_canceled", err, code)
	}
	var one int
	if err := conn.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil || conn.Conn().IsClosed() {
		t.Errorf("after statement_timeout the connection answers %d, %v (closed %v); want it still usable", one, err, conn.Conn().IsClosed())
	}
}

// onCall sets up the write-skew example: two doctors on call, and the rule
// "at least one stays on call", checked by each transaction before it
// takes its own doctor off.
func onCall(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `
		CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL);
		INSERT INTO doctors VALUES ('alice', true), ('bob', true);`)
	if err != nil {
		t.Fatal(err)
	}
}

// goOffCall is one doctor's transaction, interleaved with the other's: both
// read before either writes. It returns each commit's error.
func goOffCall(t *testing.T, pool *pgxpool.Pool, level pgx.TxIsoLevel) (errA, errB error) {
	t.Helper()
	ctx := context.Background()
	txA, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: level})
	if err != nil {
		t.Fatal(err)
	}
	defer txA.Rollback(ctx)
	txB, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: level})
	if err != nil {
		t.Fatal(err)
	}
	defer txB.Rollback(ctx)
	for _, tx := range []pgx.Tx{txA, txB} {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM doctors WHERE on_call`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("doctors on call = %d, %v; want 2", n, err)
		}
	}
	if _, err := txA.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = 'alice'`); err != nil {
		t.Fatal(err)
	}
	if _, err := txB.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = 'bob'`); err != nil {
		t.Fatal(err)
	}
	return txA.Commit(ctx), txB.Commit(ctx)
}

// TestWriteSkew: under Repeatable Read both doctors go off call — each
// transaction's snapshot still showed the other on call, and they wrote
// different rows, so nothing conflicted. Under Serializable PostgreSQL
// sees the read/write dependency cycle and aborts one commit with 40001.
func TestWriteSkew(t *testing.T) {
	t.Run("repeatable read allows it", func(t *testing.T) {
		pool := testPool(t, poolSettings{MaxConns: 4})
		onCall(t, pool)
		errA, errB := goOffCall(t, pool, pgx.RepeatableRead)
		if errA != nil || errB != nil {
			t.Fatalf("commits = %v, %v; want both to succeed under Repeatable Read", errA, errB)
		}
		var n int
		if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM doctors WHERE on_call`).Scan(&n); err != nil || n != 0 {
			t.Errorf("doctors on call after both commits = %d, %v; want 0, the write skew", n, err)
		}
	})
	t.Run("serializable refuses it", func(t *testing.T) {
		pool := testPool(t, poolSettings{MaxConns: 4})
		onCall(t, pool)
		errA, errB := goOffCall(t, pool, pgx.Serializable)
		if errA != nil || pgCode(errB) != sqlstateSerializationFailure {
			t.Errorf("commits = %v, %v; want the first to succeed and the second to fail with 40001", errA, errB)
		}
	})
}

// TestRepeatableReadAborts40001: Repeatable Read also answers 40001 — when
// a transaction updates a row that another transaction changed and
// committed after its snapshot was taken. The retry loop of tx.go is
// needed at this level too.
func TestRepeatableReadAborts40001(t *testing.T) {
	pool := testPool(t, poolSettings{MaxConns: 4})
	onCall(t, pool)
	ctx := context.Background()
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var onCallNow bool
	if err := tx.QueryRow(ctx, `SELECT on_call FROM doctors WHERE name = 'alice'`).Scan(&onCallNow); err != nil {
		t.Fatal(err) // the snapshot is taken here
	}
	if _, err := pool.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = 'alice'`); err != nil {
		t.Fatal(err) // another transaction changes the row and commits
	}
	_, err = tx.Exec(ctx, `UPDATE doctors SET on_call = true WHERE name = 'alice'`)
	if pgCode(err) != sqlstateSerializationFailure {
		t.Errorf("updating a row changed since the snapshot = %v, want 40001 (could not serialize access due to concurrent update)", err)
	}
}

// TestDeadlockIsDetected reproduces the classic deadlock: A locks alice
// then wants bob, B locks bob then wants alice. After deadlock_timeout (1s
// by default) PostgreSQL aborts one of them with 40P01 and the other
// proceeds. Locking rows in one agreed order (ORDER BY name … FOR UPDATE)
// makes it impossible.
func TestDeadlockIsDetected(t *testing.T) {
	pool := testPool(t, poolSettings{MaxConns: 4})
	onCall(t, pool)
	ctx := context.Background()
	txA, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer txA.Rollback(ctx)
	txB, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer txB.Rollback(ctx)
	if _, err := txA.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = 'alice'`); err != nil {
		t.Fatal(err)
	}
	if _, err := txB.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = 'bob'`); err != nil {
		t.Fatal(err)
	}
	// Each now wants the row the other holds. PostgreSQL picks one as the
	// victim and fails its statement with 40P01; that aborts its whole
	// transaction at once, releasing its locks (it only waits for the
	// ROLLBACK the client must still send), so the other update proceeds.
	type result struct {
		tx  pgx.Tx
		err error
	}
	results := make(chan result, 2)
	wantRow := func(tx pgx.Tx, name string) {
		_, err := tx.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = $1`, name)
		results <- result{tx, err}
	}
	go wantRow(txA, "bob")
	go wantRow(txB, "alice")
	r1, r2 := <-results, <-results // both return with no rollback in between
	if r1.err != nil {
		r1, r2 = r2, r1
	}
	if r1.err != nil || pgCode(r2.err) != sqlstateDeadlockDetected {
		t.Fatalf("two deadlocked updates = %v and %v, want one to succeed and one to fail with 40P01", r1.err, r2.err)
	}
	if err := r1.tx.Commit(ctx); err != nil {
		t.Errorf("the survivor's commit = %v, want nil", err)
	}
	if err := r2.tx.Commit(ctx); !errors.Is(err, pgx.ErrTxCommitRollback) {
		t.Errorf("the victim's commit = %v, want pgx.ErrTxCommitRollback (COMMIT of an aborted transaction rolls back)", err)
	}
}
