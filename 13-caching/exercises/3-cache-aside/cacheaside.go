//go:build !solution

package cacheaside

import (
	"context"
	"errors"
)

// errNotImplemented is what the stub returns until you write the exercise.
var errNotImplemented = errors.New("not implemented: edit exercises/3-cache-aside/cacheaside.go")

// Group coalesces calls: while fn runs for a key, every other Do of the
// same key waits for that run and gets its result. The zero Group is ready
// to use; keep the OnJoin field (the tests use it).
type Group struct {
	// OnJoin, when set, is called each time a caller joins a flight already
	// in progress for key, just before it starts waiting.
	OnJoin func(key string)
}

// Do runs fn once for all concurrent callers of key and returns its value
// and error to each of them. Once the flight has finished, the next Do of
// key runs fn again: nothing is remembered.
func (g *Group) Do(key string, fn func() ([]byte, error)) ([]byte, error) {
	return nil, errNotImplemented
}

// Get returns key's value: from the cache on a hit, else from r.Load
// through r.Group, filling the cache. A missing key is ErrNotFound and is
// cached for r.NegativeTTL; any other load error is returned and never
// cached; a failing cache is treated as a miss.
func (r *Reader) Get(ctx context.Context, key string) ([]byte, error) {
	return nil, errNotImplemented
}
