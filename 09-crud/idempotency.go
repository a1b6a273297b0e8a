package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Idempotency makes POST safe to retry. A client that sends
// `Idempotency-Key: <unique value>` and loses the response (timeout, dropped
// connection) sends the same request again with the same key; instead of
// creating a second article, the server replays the first response.
//
//   - same key, same request  → the first response again, with
//     Idempotent-Replayed: true;
//   - same key, different body → 422: the key was reused by mistake;
//   - same key while the first request is still running → wait for it and
//     replay its response, so only one ever executes;
//   - a 5xx is not remembered: the key is released and a retry runs again.
//
// Keys are scoped per actor (two users may pick the same key) and forgotten
// after ttl. At most maxKeys are remembered: beyond that a request with a
// new key gets 503 + Retry-After rather than growing memory without bound.
// A zero Idempotency is not usable; call NewIdempotency.
type Idempotency struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	maxKeys int
	entries map[string]*idemEntry
}

type idemEntry struct {
	fingerprint [sha256.Size]byte
	done        chan struct{} // closed when resp is final
	resp        *recorded     // nil after done: the first attempt failed, retry
	expires     time.Time
}

// NewIdempotency returns a store that remembers responses for ttl.
func NewIdempotency(ttl time.Duration, now func() time.Time) *Idempotency {
	return &Idempotency{ttl: ttl, now: now, maxKeys: 100_000, entries: map[string]*idemEntry{}}
}

const maxIdempotencyKey = 255

// Wrap returns next with idempotency applied to requests that carry the
// Idempotency-Key header. Requests without it pass straight through.
func (s *Idempotency) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		if len(key) > maxIdempotencyKey {
			writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("Idempotency-Key must be at most %d characters", maxIdempotencyKey))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body must be at most %d bytes", maxRequestBody))
			return
		} else if err != nil {
			writeJSONError(w, http.StatusBadRequest, "could not read request body")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		// The fingerprint is what "the same request" means: same method,
		// path, media type and body bytes.
		fp := sha256.Sum256(fmt.Appendf(nil, "%s\n%s\n%s\n%s", r.Method, r.URL.RequestURI(), r.Header.Get("Content-Type"), body))
		scope := actor(r) + "\x00" + key

		for {
			s.mu.Lock()
			s.sweep()
			e, ok := s.entries[scope]
			if !ok && len(s.entries) >= s.maxKeys {
				s.mu.Unlock()
				w.Header().Set("Retry-After", "60")
				writeJSONError(w, http.StatusServiceUnavailable, "too many Idempotency-Keys remembered; retry later")
				return
			}
			if !ok {
				e = &idemEntry{fingerprint: fp, done: make(chan struct{})}
				s.entries[scope] = e
				s.mu.Unlock()
				s.execute(w, r, next, scope, e)
				return
			}
			s.mu.Unlock()

			if e.fingerprint != fp {
				writeJSONError(w, http.StatusUnprocessableEntity, "Idempotency-Key was already used for a different request; use a new key for a new request")
				return
			}
			select {
			case <-e.done:
			case <-r.Context().Done():
				return // the client gave up waiting
			}
			if e.resp == nil {
				continue // the first attempt failed; this one may run
			}
			e.resp.replay(w)
			return
		}
	})
}

// execute runs the request once, remembers its response unless it is a
// server error, and wakes any duplicates waiting on e.done.
func (s *Idempotency) execute(w http.ResponseWriter, r *http.Request, next http.Handler, scope string, e *idemEntry) {
	rec := &recorded{header: http.Header{}}
	defer func() {
		s.mu.Lock()
		if rec.status == 0 || rec.status >= 500 {
			delete(s.entries, scope) // nothing durable happened, or we cannot tell: allow a retry
		} else {
			e.resp = rec
			e.expires = s.now().Add(s.ttl)
		}
		s.mu.Unlock()
		close(e.done)
	}()
	next.ServeHTTP(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// sweep forgets finished entries past their expiry. It is a linear scan on
// every keyed request: fine for a teaching store of bounded size; a real one
// lives in a database or cache with its own expiry. Callers hold s.mu.
func (s *Idempotency) sweep() {
	now := s.now()
	for k, e := range s.entries {
		if !e.expires.IsZero() && now.After(e.expires) {
			delete(s.entries, k)
		}
	}
}

// recorded is a response captured for replay.
type recorded struct {
	status int
	header http.Header
	body   bytes.Buffer
}

func (r *recorded) Header() http.Header { return r.header }
func (r *recorded) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorded) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}

func (r *recorded) replay(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	var b errorBody
	b.Error.Status, b.Error.Message = status, msg
	writeJSON(w, status, b)
}
