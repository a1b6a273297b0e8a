// Package txretry is exercise 2 of chapter 11: run a transaction at
// SERIALIZABLE, retry it when PostgreSQL aborts it to keep that promise, and
// turn a unique violation into a domain error.
package txretry

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// ErrAlreadyExists is the domain error for "that username or email is taken".
// Callers test for it with errors.Is, never by reading SQLSTATE codes.
var ErrAlreadyExists = errors.New("already exists")

// MaxAttempts bounds how many times InTx runs fn before giving up.
const MaxAttempts = 5

// SQLSTATE codes (PostgreSQL manual, appendix A "Error Codes").
const (
	CodeSerializationFailure = "40001" // serialization_failure: retry the whole transaction
	CodeDeadlockDetected     = "40P01" // deadlock_detected: retry the whole transaction
	CodeUniqueViolation      = "23505" // unique_violation: a duplicate key, not worth retrying
)

// TxBeginner is what InTx needs; *pgxpool.Pool and *pgx.Conn satisfy it.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
}

// Execer is what CreateUser needs; a pool, a connection and a pgx.Tx satisfy it.
type Execer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
