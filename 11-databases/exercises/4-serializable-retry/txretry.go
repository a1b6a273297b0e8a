//go:build !solution

package txretry

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

var errNotImplemented = errors.New("not implemented: edit exercises/4-serializable-retry/txretry.go")

// InTx runs fn in a SERIALIZABLE transaction and commits it. When fn or the
// commit fails with a serialization failure (40001) or a deadlock (40P01) —
// even wrapped — it rolls back, waits a short, growing, jittered delay and
// runs fn again in a new transaction, at most MaxAttempts times in all. Any
// other error rolls back and returns at once. A cancelled ctx stops the retries.
func InTx(ctx context.Context, db TxBeginner, fn func(tx pgx.Tx) error) error {
	return errNotImplemented
}

// CreateUser inserts a user and returns its id. A duplicate username or email
// (SQLSTATE 23505) returns an error that errors.Is(err, ErrAlreadyExists)
// recognizes; every other error is returned wrapped, unchanged in kind.
func CreateUser(ctx context.Context, db Execer, username, email string) (int64, error) {
	return 0, errNotImplemented
}
