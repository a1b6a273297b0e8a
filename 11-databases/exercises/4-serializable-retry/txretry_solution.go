//go:build solution

package txretry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// InTx runs fn in a SERIALIZABLE transaction and commits it. When fn or the
// commit fails with a serialization failure (40001) or a deadlock (40P01) —
// even wrapped — it rolls back, waits a short, growing, jittered delay and
// runs fn again in a new transaction, at most MaxAttempts times in all. Any
// other error rolls back and returns at once. A cancelled ctx stops the retries.
func InTx(ctx context.Context, db TxBeginner, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 1; attempt <= MaxAttempts; attempt++ {
		err = runOnce(ctx, db, fn)
		if err == nil || !retryable(err) {
			return err
		}
		if attempt == MaxAttempts {
			break
		}
		// Exponential backoff with full jitter: the two losers of a conflict
		// must not wake up in lockstep and collide again.
		wait := time.Duration(rand.Int64N(int64(backoff(attempt)))) + time.Millisecond
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("txretry: gave up waiting to retry: %w", ctx.Err())
		}
	}
	return fmt.Errorf("txretry: %d attempts failed: %w", MaxAttempts, err)
}

// backoff is 10ms, 20ms, 40ms… capped at 250ms.
func backoff(attempt int) time.Duration {
	return min(10*time.Millisecond<<(attempt-1), 250*time.Millisecond)
}

func runOnce(ctx context.Context, db TxBeginner, fn func(tx pgx.Tx) error) error {
	tx, err := db.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return fmt.Errorf("txretry: begin: %w", err)
	}
	// Rollback after a successful Commit is a no-op (pgx.ErrTxClosed), so a
	// deferred Rollback covers every early return and panic.
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := fn(tx); err != nil {
		return err
	}
	// Under SERIALIZABLE the conflict is often detected at COMMIT: its error
	// must be checked and retried like any other.
	return tx.Commit(ctx)
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	return pgErr.Code == CodeSerializationFailure || pgErr.Code == CodeDeadlockDetected
}

// CreateUser inserts a user and returns its id. A duplicate username or email
// (SQLSTATE 23505) returns an error that errors.Is(err, ErrAlreadyExists)
// recognizes; every other error is returned wrapped, unchanged in kind.
func CreateUser(ctx context.Context, db Execer, username, email string) (int64, error) {
	var id int64
	err := db.QueryRow(ctx,
		`INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id`,
		username, email).Scan(&id)
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return id, nil
	case errors.As(err, &pgErr) && pgErr.Code == CodeUniqueViolation:
		// ConstraintName says which rule was broken (users_username_key or
		// users_email_key) without parsing the message text.
		return 0, fmt.Errorf("user %q (%s): %w", username, pgErr.ConstraintName, ErrAlreadyExists)
	default:
		return 0, fmt.Errorf("txretry: insert user: %w", err)
	}
}
