//go:build solution

package concurrency

import (
	"fmt"
	"strings"
	"sync"
)

// Store holds documents by id. It is safe for concurrent use.
type Store struct {
	mu   sync.Mutex
	docs map[string]*doc
	seq  uint64 // a store-wide counter: an ETag is never issued twice
}

type doc struct {
	body string
	etag string
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{docs: map[string]*doc{}} }

// nextETag returns a fresh strong ETag. Callers hold s.mu.
func (s *Store) nextETag() string {
	s.seq++
	return fmt.Sprintf(`"%d"`, s.seq)
}

// Create stores body under id and returns its ETag.
func (s *Store) Create(id, body string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.docs[id]; ok {
		return "", ErrExists
	}
	d := &doc{body: body, etag: s.nextETag()}
	s.docs[id] = d
	return d.etag, nil
}

// Get returns the document's body and current ETag.
func (s *Store) Get(id string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return "", "", ErrNotFound
	}
	return d.body, d.etag, nil
}

// Update replaces the body of document id if ifMatch matches its current
// ETag. The comparison and the write share one critical section: checking
// first and writing later, under separate locks, would let two writers pass
// the check with the same ETag.
func (s *Store) Update(id, ifMatch, body string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return "", ErrNotFound
	}
	if strings.TrimSpace(ifMatch) == "" {
		return "", ErrPreconditionRequired
	}
	if !matches(ifMatch, d.etag) {
		return "", fmt.Errorf("%w: current ETag is %s", ErrPreconditionFailed, d.etag)
	}
	d.body = body
	d.etag = s.nextETag()
	return d.etag, nil
}

// matches applies If-Match's rules (RFC 9110 section 13.1.1): "*" matches
// any current representation; otherwise a comma-separated list of entity
// tags is compared with the STRONG comparison, under which a weak tag
// (W/"...") never matches anything.
func matches(ifMatch, current string) bool {
	if strings.TrimSpace(ifMatch) == "*" {
		return true
	}
	for _, t := range strings.Split(ifMatch, ",") {
		t = strings.TrimSpace(t)
		if !strings.HasPrefix(t, "W/") && t == current {
			return true
		}
	}
	return false
}
