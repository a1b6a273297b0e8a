//go:build solution

package idempotency

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"sync"
)

// Store remembers responses by Idempotency-Key. It is safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	fingerprint [sha256.Size]byte
	done        chan struct{} // closed once resp is final
	resp        *response     // nil after done: the attempt failed, retry
}

type response struct {
	status int
	header http.Header
	body   bytes.Buffer
}

func (r *response) Header() http.Header { return r.header }
func (r *response) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *response) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}

func (r *response) writeTo(w http.ResponseWriter, replayed bool) {
	for k, v := range r.header {
		w.Header()[k] = append([]string(nil), v...)
	}
	if replayed {
		w.Header().Set(ReplayedHeader, "true")
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{entries: map[string]*entry{}} }

// Wrap returns next with Idempotency-Key handling.
func (s *Store) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" {
			next.ServeHTTP(w, r)
			return
		}
		if len(key) > MaxKeyLength {
			http.Error(w, "Idempotency-Key is longer than 255 characters", http.StatusBadRequest)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
		if err != nil {
			http.Error(w, "cannot read request body", http.StatusBadRequest)
			return
		}
		if len(body) > MaxBodyBytes {
			http.Error(w, "request body is larger than 1 MiB", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h := sha256.New()
		io.WriteString(h, r.URL.RequestURI()+"\n")
		h.Write(body)
		var fp [sha256.Size]byte
		h.Sum(fp[:0])

		for {
			s.mu.Lock()
			e, ok := s.entries[key]
			if !ok {
				// First with this key: claim it, then run outside the lock
				// so other keys are not serialised behind this request.
				e = &entry{fingerprint: fp, done: make(chan struct{})}
				s.entries[key] = e
				s.mu.Unlock()
				s.run(w, r, next, key, e)
				return
			}
			s.mu.Unlock()
			if e.fingerprint != fp {
				http.Error(w, "Idempotency-Key was already used with a different request", http.StatusUnprocessableEntity)
				return
			}
			select {
			case <-e.done: // the first request finished; its resp is visible now
			case <-r.Context().Done():
				return
			}
			if e.resp == nil {
				continue // it failed with a 5xx: this retry may run
			}
			e.resp.writeTo(w, true)
			return
		}
	})
}

// run executes the request, keeps the response unless it is a server error,
// and wakes the duplicates waiting on e.done, even if next panics.
func (s *Store) run(w http.ResponseWriter, r *http.Request, next http.Handler, key string, e *entry) {
	rec := &response{header: http.Header{}}
	defer func() {
		s.mu.Lock()
		if rec.status == 0 || rec.status >= 500 {
			delete(s.entries, key)
		} else {
			e.resp = rec
		}
		s.mu.Unlock()
		close(e.done)
	}()
	next.ServeHTTP(rec, r)
	rec.WriteHeader(http.StatusOK) // a handler that wrote nothing sent 200
	rec.writeTo(w, false)
}
