package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"time"
)

// Idempotency-Key on POST /articles, kept the way a database keeps it: in
// the same transaction as the write it protects.
//
// A client that sends `Idempotency-Key: <unique value>` and loses the
// response (timeout, dropped connection) sends the same request again with
// the same key. The store remembers, per actor and key, which article the
// first request created; the create and that record are made under one lock,
// so there is no moment where the article exists and the key does not:
//
//   - same key, same article input → the article as it was created, again,
//     marked Idempotent-Replayed: true, and nothing new is stored;
//   - same key, different input → errKeyReused (422): a client bug;
//   - 50 copies racing in → the lock orders them: one creates, 49 replay;
//   - a request that fails (400, 409, 422…) changed nothing and records
//     nothing, so its retry simply runs again and fails the same way.
//
// Exercise 4 builds the other design, an HTTP middleware that records and
// replays any handler's whole response; see the README for when each fits.
var (
	errKeyReused   = errors.New("the Idempotency-Key was already used for a different request; use a new key for a new request")
	errTooManyKeys = errors.New("too many Idempotency-Keys remembered; retry later")
)

// maxIdempotencyKey is the longest key a client may send.
const maxIdempotencyKey = 255

// createKeys remembers, for a while, what each Idempotency-Key created. The
// articleStore's mutex guards it.
type createKeys struct {
	ttl     time.Duration
	maxKeys int // beyond this many, a new key is refused rather than memory grown
	now     func() time.Time
	entries map[string]createdByKey // by actor + "\x00" + key
}

type createdByKey struct {
	fingerprint [sha256.Size]byte
	created     article // as the first response showed it
	expires     time.Time
}

func newCreateKeys(ttl time.Duration, now func() time.Time) *createKeys {
	return &createKeys{ttl: ttl, maxKeys: 100_000, now: now, entries: map[string]createdByKey{}}
}

// fingerprint is what "the same request" means: the same article input once
// normalized (title trimmed, tags sorted), so a retry that re-encodes its
// JSON differently still counts as a retry.
func fingerprint(a article) [sha256.Size]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%q\n%q\n%q\n%q", a.Title, a.Description, a.Body, a.Tags))
}

// CreateOnce is Create guarded by an idempotency key: it returns the
// article and whether it is a replay of an earlier create with key.
func (s *articleStore) CreateOnce(actor, key string, a article) (article, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys
	now := k.now()
	for scope, e := range k.entries { // a linear sweep: fine for a teaching store of bounded size
		if now.After(e.expires) {
			delete(k.entries, scope)
		}
	}
	scope := actor + "\x00" + key
	fp := fingerprint(a)
	if e, ok := k.entries[scope]; ok {
		if e.fingerprint != fp {
			return article{}, false, errKeyReused
		}
		return e.created.clone(), true, nil
	}
	if len(k.entries) >= k.maxKeys {
		return article{}, false, errTooManyKeys
	}
	created, err := s.create(actor, a)
	if err != nil {
		return article{}, false, err // nothing stored, nothing to remember
	}
	k.entries[scope] = createdByKey{fingerprint: fp, created: created.clone(), expires: now.Add(k.ttl)}
	return created, false, nil
}
