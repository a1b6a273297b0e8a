package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SQLSTATE codes this server reacts to (PostgreSQL manual, appendix A).
const (
	sqlstateUniqueViolation      = "23505"
	sqlstateSerializationFailure = "40001"
	sqlstateDeadlockDetected     = "40P01"
)

const txMaxAttempts = 5

// txRunner runs functions in SERIALIZABLE transactions, retrying the ones
// PostgreSQL aborts to keep its promise. Serializable means "as if the
// transactions ran one after another": when two of them could not have, one
// is rolled back with 40001 and the only correct reaction is to run it again.
// (Repeatable Read aborts with 40001 too, when a transaction updates a row
// changed since its snapshot: TestRepeatableReadAborts40001.)
type txRunner struct {
	pool    *pgxpool.Pool
	retries atomic.Int64
}

// inTx runs fn in a transaction at SERIALIZABLE and commits, up to
// txMaxAttempts times while it fails with 40001 or 40P01. fn must have no
// effects outside the transaction: it may run more than once.
func (r *txRunner) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = pgx.BeginTxFunc(ctx, r.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, fn)
		if err == nil || !isRetryable(err) || attempt == txMaxAttempts {
			break
		}
		r.retries.Add(1)
		// Exponential backoff (10ms, 20ms, 40ms… capped) with full jitter,
		// so the transactions that collided do not collide again.
		ceiling := min(10*time.Millisecond<<(attempt-1), 250*time.Millisecond)
		select {
		case <-time.After(time.Duration(rand.Int64N(int64(ceiling))) + time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err != nil && isRetryable(err) {
		return fmt.Errorf("transaction failed %d times: %w", txMaxAttempts, err)
	}
	return err
}

func isRetryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) &&
		(pgErr.Code == sqlstateSerializationFailure || pgErr.Code == sqlstateDeadlockDetected)
}

// pgCode returns the SQLSTATE of err, or "" when it did not come from PostgreSQL.
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// constraintError is a row the schema refused (SQLSTATE class 23, integrity
// constraint violation) in a way the store has no client-facing message
// for. writeError answers 422 with a generic detail and logs err, whose
// message ("new row for relation … violates check constraint …") is for
// the log only.
type constraintError struct {
	constraint string
	err        error
}

func (e *constraintError) Error() string { return "constraint " + e.constraint + ": " + e.err.Error() }
func (e *constraintError) Unwrap() error { return e.err }

// refusedByConstraint wraps a constraint violation as a *constraintError
// and returns every other error unchanged.
func refusedByConstraint(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "23") {
		return &constraintError{constraint: pgErr.ConstraintName, err: err}
	}
	return err
}
