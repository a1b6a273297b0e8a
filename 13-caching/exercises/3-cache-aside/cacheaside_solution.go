//go:build solution

package cacheaside

import (
	"context"
	"errors"
	"sync"
)

// flight is one run of fn that several callers may wait for.
type flight struct {
	done chan struct{} // closed once val and err are set
	val  []byte
	err  error
}

// Group coalesces calls: while fn runs for a key, every other Do of the
// same key waits for that run and gets its result. The zero Group is ready
// to use.
type Group struct {
	// OnJoin, when set, is called each time a caller joins a flight already
	// in progress for key, just before it starts waiting.
	OnJoin func(key string)

	mu      sync.Mutex
	flights map[string]*flight
}

// Do runs fn once for all concurrent callers of key and returns its value
// and error to each of them. Once the flight has finished, the next Do of
// key runs fn again: nothing is remembered.
func (g *Group) Do(key string, fn func() ([]byte, error)) ([]byte, error) {
	g.mu.Lock()
	if f, ok := g.flights[key]; ok {
		g.mu.Unlock()
		if g.OnJoin != nil {
			g.OnJoin(key)
		}
		<-f.done
		return f.val, f.err
	}
	if g.flights == nil {
		g.flights = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	g.flights[key] = f
	g.mu.Unlock()

	// fn runs without the lock: other keys must not wait for this one.
	f.val, f.err = fn()

	g.mu.Lock()
	delete(g.flights, key)
	g.mu.Unlock()
	close(f.done)
	return f.val, f.err
}

// Get returns key's value: from the cache on a hit, else from r.Load
// through r.Group, filling the cache. A missing key is ErrNotFound and is
// cached for r.NegativeTTL; any other load error is returned and never
// cached; a failing cache is treated as a miss.
func (r *Reader) Get(ctx context.Context, key string) ([]byte, error) {
	// A cache error is a miss: the cache makes reads fast, it is never
	// needed for a read to succeed.
	if e, ok, err := r.Cache.Get(key); err == nil && ok {
		if !e.Found {
			return nil, ErrNotFound
		}
		return e.Value, nil
	}
	return r.Group.Do(key, func() ([]byte, error) {
		// The flight serves every waiter: one caller giving up must not
		// cancel the load for the others.
		v, err := r.Load(context.WithoutCancel(ctx), key)
		if errors.Is(err, ErrNotFound) {
			_ = r.Cache.Set(key, Entry{Found: false}, r.NegativeTTL) // best effort
			return nil, err
		}
		if err != nil {
			return nil, err // a failed load is shared with the waiters, never cached
		}
		_ = r.Cache.Set(key, Entry{Value: v, Found: true}, r.TTL) // best effort
		return v, nil
	})
}
