package txretry

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

func newPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	url := testinfra.Postgres(t)
	ctx := context.Background()
	if err := schema.ApplyMigrations(ctx, url); err != nil {
		t.Fatalf("ApplyMigrations: %v", err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatalf("pgxpool.New: %v", err)
	}
	t.Cleanup(pool.Close)
	// The textbook write skew: a hospital needs at least one doctor on call,
	// and each doctor may go off call only if someone else stays on.
	_, err = pool.Exec(ctx, `
		CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
		INSERT INTO doctors VALUES ('alice', true), ('bob', true);`)
	if err != nil {
		t.Fatalf("create doctors: %v", err)
	}
	return pool
}

// goOffCall returns a transaction body for doctor name. On its first attempt
// it tells the other doctor it has read (readDone) and waits until the other
// has read too (otherRead), so that both transactions see "2 on call" before
// either writes: the interleaving that breaks the rule without SERIALIZABLE.
func goOffCall(name string, attempts *atomic.Int32, readDone chan<- struct{}, otherRead <-chan struct{}) func(pgx.Tx) error {
	return func(tx pgx.Tx) error {
		attempt := attempts.Add(1)
		ctx := context.Background()
		var onCall int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM doctors WHERE on_call`).Scan(&onCall); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		if attempt == 1 {
			close(readDone)
			select {
			case <-otherRead:
			case <-time.After(10 * time.Second):
				return errors.New("the other transaction never read: are both running concurrently?")
			}
		}
		if onCall < 2 {
			return nil // someone must stay on call: do nothing, still commit
		}
		_, err := tx.Exec(ctx, `UPDATE doctors SET on_call = false WHERE name = $1`, name)
		return err
	}
}

func onCallCount(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM doctors WHERE on_call`).Scan(&n); err != nil {
		t.Fatalf("count on call: %v", err)
	}
	return n
}

func TestInTxRetriesARealSerializationFailure(t *testing.T) {
	pool := newPool(t)
	ctx := context.Background()

	var aliceAttempts, bobAttempts atomic.Int32
	aliceRead, bobRead := make(chan struct{}), make(chan struct{})
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		errs[0] = InTx(ctx, pool, goOffCall("alice", &aliceAttempts, aliceRead, bobRead))
	}()
	go func() {
		defer wg.Done()
		errs[1] = InTx(ctx, pool, goOffCall("bob", &bobAttempts, bobRead, aliceRead))
	}()
	wg.Wait()

	for i, name := range []string{"alice", "bob"} {
		if errs[i] != nil {
			t.Errorf("InTx(%s goes off call) = %v, want nil: both must eventually commit", name, errs[i])
		}
	}
	a, b := aliceAttempts.Load(), bobAttempts.Load()
	// The winner commits on its first attempt; the loser is retried until
	// it runs after the winner's commit — usually once, but a retry that
	// starts before that commit is visible can conflict again.
	if min(a, b) != 1 || max(a, b) < 2 || max(a, b) > MaxAttempts {
		t.Errorf("attempts: alice %d, bob %d; want one of them 1 and the other 2..%d (retried after 40001)", a, b, MaxAttempts)
	}
	if n := onCallCount(t, pool); n != 1 {
		t.Errorf("doctors on call after both transactions = %d, want 1 (the retried one must see the other's commit)", n)
	}
}

// TestTheRaceReallyFails shows the failure InTx exists for: the same two
// transactions, each run once at SERIALIZABLE without retry, make PostgreSQL
// abort one of them with SQLSTATE 40001. It checks the test's own set-up, so
// it runs together with an InTx check that fails until InTx is written.
func TestTheRaceReallyFails(t *testing.T) {
	pool := newPool(t)
	ctx := context.Background()
	once := func(body func(pgx.Tx) error) error {
		tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if err := body(tx); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
	var a1, a2 atomic.Int32
	aliceRead, bobRead := make(chan struct{}), make(chan struct{})
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = once(goOffCall("alice", &a1, aliceRead, bobRead)) }()
	go func() { defer wg.Done(); errs[1] = once(goOffCall("bob", &a2, bobRead, aliceRead)) }()
	wg.Wait()

	failed := 0
	for _, err := range errs {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == CodeSerializationFailure {
			failed++
		} else if err != nil {
			t.Errorf("unexpected error %v, want nil or SQLSTATE 40001", err)
		}
	}
	if failed != 1 {
		t.Fatalf("%d of 2 transactions failed with 40001, want exactly 1", failed)
	}

	// Now the part that grades InTx: it must run at SERIALIZABLE (or this
	// race would silently leave nobody on call).
	var level string
	err := InTx(ctx, pool, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SHOW transaction_isolation`).Scan(&level)
	})
	if err != nil || level != "serializable" {
		t.Errorf("InTx ran at isolation %q (err %v), want serializable", level, err)
	}
}

func TestInTxRetryPolicy(t *testing.T) {
	pool := newPool(t)
	serialization := &pgconn.PgError{Code: CodeSerializationFailure, Message: "could not serialize access"}
	deadlock := &pgconn.PgError{Code: CodeDeadlockDetected, Message: "deadlock detected"}
	boom := errors.New("boom")

	tests := []struct {
		name      string
		failures  []error // what fn returns on calls 1, 2, …; nil afterwards
		wantCalls int
		wantErr   error // nil, or an error the result must match with errors.Is
		wantCode  string
	}{
		{name: "success runs once", failures: nil, wantCalls: 1},
		{name: "a deadlock is retried", failures: []error{deadlock}, wantCalls: 2},
		{name: "a wrapped serialization failure is retried", failures: []error{fmt.Errorf("step 2: %w", serialization)}, wantCalls: 2},
		{name: "other errors are not retried", failures: []error{boom}, wantCalls: 1, wantErr: boom},
		{name: "a unique violation is not retried", failures: []error{&pgconn.PgError{Code: CodeUniqueViolation}}, wantCalls: 1, wantCode: CodeUniqueViolation},
		{
			name:      "retries are bounded",
			failures:  []error{serialization, serialization, serialization, serialization, serialization, serialization, serialization},
			wantCalls: MaxAttempts, wantCode: CodeSerializationFailure,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			start := time.Now()
			err := InTx(context.Background(), pool, func(tx pgx.Tx) error {
				calls++
				if calls <= len(tc.failures) {
					return tc.failures[calls-1]
				}
				return nil
			})
			if calls != tc.wantCalls {
				t.Errorf("InTx called fn %d times, want %d", calls, tc.wantCalls)
			}
			switch {
			case tc.wantErr != nil && !errors.Is(err, tc.wantErr):
				t.Errorf("InTx = %v, want an error matching %v", err, tc.wantErr)
			case tc.wantCode != "":
				var pgErr *pgconn.PgError
				if !errors.As(err, &pgErr) || pgErr.Code != tc.wantCode {
					t.Errorf("InTx = %v, want an error wrapping SQLSTATE %s", err, tc.wantCode)
				}
			case tc.wantErr == nil && err != nil:
				t.Errorf("InTx = %v, want nil", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("InTx took %v, want the backoff bounded well under 3s", d)
			}
		})
	}
}

func TestInTxRollsBackOnError(t *testing.T) {
	pool := newPool(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := InTx(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE doctors SET on_call = false`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := onCallCount(t, pool); n != 2 {
		t.Errorf("on call after a failed transaction = %d, want 2 (its update rolled back)", n)
	}
}

func TestInTxStopsWhenContextIsCancelled(t *testing.T) {
	pool := newPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := InTx(ctx, pool, func(tx pgx.Tx) error {
		calls++
		cancel()
		return &pgconn.PgError{Code: CodeSerializationFailure}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("InTx with a cancelled context = %v, want an error matching context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("InTx called fn %d times after cancellation, want 1", calls)
	}
}

// TestInTxGivesUpWithTheLastError: when the context is cancelled during the
// last allowed attempt, there is nothing left to wait for: InTx returns the
// attempt's error at once (still wrapping the *pgconn.PgError).
func TestInTxGivesUpWithTheLastError(t *testing.T) {
	pool := newPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := InTx(ctx, pool, func(tx pgx.Tx) error {
		calls++
		if calls == MaxAttempts {
			cancel()
		}
		return &pgconn.PgError{Code: CodeSerializationFailure}
	})
	var pgErr *pgconn.PgError
	if calls != MaxAttempts || !errors.As(err, &pgErr) || pgErr.Code != CodeSerializationFailure {
		t.Errorf("InTx cancelled during attempt %d of %d = %v after %d calls; want %d calls and an error wrapping SQLSTATE %s", MaxAttempts, MaxAttempts, err, calls, MaxAttempts, CodeSerializationFailure)
	}
}

// beginFails is a TxBeginner that cannot start a transaction.
type beginFails struct{ err error }

func (b beginFails) BeginTx(context.Context, pgx.TxOptions) (pgx.Tx, error) { return nil, b.err }

// TestInTxReturnsBeginErrors: when no transaction can be started, fn never
// runs and the error says why.
func TestInTxReturnsBeginErrors(t *testing.T) {
	refused := errors.New("connection refused")
	calls := 0
	fn := func(pgx.Tx) error { calls++; return nil }
	if err := InTx(context.Background(), beginFails{refused}, fn); !errors.Is(err, refused) || calls != 0 {
		t.Errorf("InTx when BeginTx fails = %v after %d calls of fn, want an error wrapping %q and no call", err, calls, refused)
	}

	pool := newPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := InTx(ctx, pool, fn); !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("InTx with a context cancelled before it starts = %v after %d calls of fn, want context.Canceled and no call", err, calls)
	}
	if err := InTx(context.Background(), pool, fn); err != nil || calls != 1 {
		t.Errorf("InTx on a live pool = %v after %d calls of fn, want nil and 1 call", err, calls)
	}
}

func TestCreateUserMapsUniqueViolation(t *testing.T) {
	pool := newPool(t)
	ctx := context.Background()
	if _, err := CreateUser(ctx, pool, "ada", "ada@example.com"); err != nil {
		t.Fatalf("CreateUser(ada) = %v, want nil", err)
	}
	tests := []struct {
		name, username, email string
		wantExists            bool
	}{
		{"new user", "grace", "grace@example.com", false},
		{"same username", "ada", "other@example.com", true},
		{"same email", "ada2", "ada@example.com", true},
		{"same email, other case", "ada3", "ADA@Example.com", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := CreateUser(ctx, pool, tc.username, tc.email)
			if tc.wantExists {
				if !errors.Is(err, ErrAlreadyExists) || id != 0 {
					t.Errorf("CreateUser(%q, %q) = %d, %v; want 0 and ErrAlreadyExists", tc.username, tc.email, id, err)
				}
				return
			}
			if err != nil || id <= 0 {
				t.Errorf("CreateUser(%q, %q) = %d, %v; want a new id", tc.username, tc.email, id, err)
			}
		})
	}
	// A CHECK violation (23514) is bad input, not a duplicate.
	id, err := CreateUser(ctx, pool, "Not Valid!", "x@example.com")
	var pgErr *pgconn.PgError
	if err == nil || errors.Is(err, ErrAlreadyExists) || !errors.As(err, &pgErr) || id != 0 {
		t.Errorf("CreateUser(invalid username) = %d, %v; want 0 and an error that wraps the *pgconn.PgError and is not ErrAlreadyExists", id, err)
	}
}
