// Package nearcache is the process's own copy of what a shared cache
// holds: a bounded map with an expiry per entry, for values kept under
// versioned keys (service.Cached's decoded entries, httpapi's rendered
// responses). A key names the data versions it was made at, so an entry
// is never wrong while it is found — only unused once the versions move —
// and eviction can be crude: when full, an arbitrary entry goes (Go's map
// order), with no list to keep in step on every hit.
package nearcache

import (
	"sync"
	"time"
)

// Map holds at most its size of entries. Values are shared by every Get:
// callers must not modify them. The zero value is not usable; call New.
type Map[V any] struct {
	size int

	mu      sync.RWMutex
	entries map[string]entry[V]
}

type entry[V any] struct {
	value   V
	expires time.Time
}

// New returns a Map of at most size (at least 1) entries.
func New[V any](size int) *Map[V] {
	size = max(size, 1)
	return &Map[V]{size: size, entries: make(map[string]entry[V], size)}
}

// Get returns the live value under key.
func (m *Map[V]) Get(key string) (V, bool) {
	m.mu.RLock()
	e, ok := m.entries[key]
	m.mu.RUnlock()
	if !ok || !time.Now().Before(e.expires) {
		var zero V
		return zero, false
	}
	return e.value, true
}

// Set keeps v under key for ttl, dropping an arbitrary entry when full.
func (m *Map[V]) Set(key string, v V, ttl time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.entries[key]; !ok && len(m.entries) >= m.size {
		for k := range m.entries {
			delete(m.entries, k)
			break
		}
	}
	m.entries[key] = entry[V]{value: v, expires: time.Now().Add(ttl)}
}

// Len reports how many entries are held, expired ones included.
func (m *Map[V]) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.entries)
}
