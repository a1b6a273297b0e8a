package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SQLSTATE codes this server reacts to (PostgreSQL manual, appendix A).
const (
	sqlstateUniqueViolation      = "23505"
	sqlstateCheckViolation       = "23514"
	sqlstateSerializationFailure = "40001"
	sqlstateDeadlockDetected     = "40P01"
)

const txMaxAttempts = 5

// txRunner runs functions in SERIALIZABLE transactions, retrying the ones
// PostgreSQL aborts to keep its promise. Serializable means "as if the
// transactions ran one after another": when two of them could not have, one
// is rolled back with 40001 and the only correct reaction is to run it again.
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
