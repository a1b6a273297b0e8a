package bookmark

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// Memory is a Repository in process memory. It is the hand-written fake the
// tests use instead of a mock, and it is a real adapter too: it passes the
// same contract suite as Postgres, so a test that passes over Memory says
// something true about the service over PostgreSQL.
type Memory struct {
	mu     sync.Mutex
	nextID int64
	byID   map[int64]Bookmark
	byURL  map[string]int64
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{byID: map[int64]Bookmark{}, byURL: map[string]int64{}}
}

// Create stores b under a new ID; the URL must be new.
func (m *Memory) Create(_ context.Context, b Bookmark) (Bookmark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.byURL[b.URL]; dup {
		return Bookmark{}, ErrConflict
	}
	m.nextID++
	b.ID = m.nextID
	m.byID[b.ID] = b // Bookmark holds no slices or maps: assignment copies it
	m.byURL[b.URL] = b.ID
	return b, nil
}

// Get returns the bookmark with the ID.
func (m *Memory) Get(_ context.Context, id int64) (Bookmark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.byID[id]
	if !ok {
		return Bookmark{}, ErrNotFound
	}
	return b, nil
}

// List returns every bookmark in ascending ID order.
func (m *Memory) List(_ context.Context) ([]Bookmark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Bookmark, 0, len(m.byID))
	for _, b := range m.byID {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Bookmark) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Delete removes the bookmark with the ID.
func (m *Memory) Delete(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.byID[id]
	if !ok {
		return ErrNotFound
	}
	delete(m.byID, id)
	delete(m.byURL, b.URL)
	return nil
}
