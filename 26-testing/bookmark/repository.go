package bookmark

import "context"

// Repository is the storage port. Every adapter (Memory, Postgres) must pass
// the same contract suite (contract_test.go):
//
//   - Create assigns a new ID, keeps every other field, and returns
//     ErrConflict when the URL is already stored;
//   - Get and Delete return ErrNotFound for an unknown ID;
//   - List returns every bookmark in ascending ID order (an empty, non-nil
//     slice when there are none);
//   - values handed in or out are copies: a caller cannot change what is
//     stored by changing them.
type Repository interface {
	Create(ctx context.Context, b Bookmark) (Bookmark, error)
	Get(ctx context.Context, id int64) (Bookmark, error)
	List(ctx context.Context) ([]Bookmark, error)
	Delete(ctx context.Context, id int64) error
}
