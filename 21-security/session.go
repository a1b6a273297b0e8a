package main

import (
	"crypto/rand"
	"net/http"
	"sync"
	"time"
)

// session is a logged-in browser. The CSRF token is a synchronizer token:
// random, kept server-side with the session, echoed by our own forms.
type session struct {
	user    string
	csrf    string
	expires time.Time
}

// sessionStore keeps sessions in memory, keyed by their random ID.
// (Exercise 1 stores only a hash of each token, so a leaked store leaks no
// live session; this store keeps the IDs as they are.)
type sessionStore struct {
	mu     sync.Mutex
	now    func() time.Time
	byID   map[string]session
	emails map[string]string // each user's email: the state the CSRF attack changes
}

const sessionTTL = time.Hour

func newSessionStore(now func() time.Time) *sessionStore {
	return &sessionStore{now: now, byID: map[string]session{}, emails: map[string]string{}}
}

// create starts a new session for user with a fresh ID and CSRF token.
// Login always calls it: reusing a pre-login ID would allow session fixation.
func (s *sessionStore) create(user string) (id string, sess session) {
	sess = session{user: user, csrf: rand.Text(), expires: s.now().Add(sessionTTL)}
	id = rand.Text() // 26 base32 characters: 130 bits from crypto/rand
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.byID) >= 10000 { // bounded memory: drop the expired before growing
		for k, v := range s.byID {
			if !s.now().Before(v.expires) {
				delete(s.byID, k)
			}
		}
	}
	s.byID[id] = sess
	return id, sess
}

// fromRequest returns the request's live session. Any doubt (no cookie,
// unknown ID, expired) is "no session": the check fails closed.
func (s *sessionStore) fromRequest(r *http.Request) (session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.byID[c.Value]
	if !ok || !s.now().Before(sess.expires) {
		return session{}, false
	}
	return sess, true
}

func (s *sessionStore) setEmail(user, email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emails[user] = email
}

func (s *sessionStore) email(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emails[user]
}

const sessionCookie = "session"

// sessionCookieFor is the cookie that carries a session ID: HttpOnly (no
// script reads it), SameSite=Lax (browsers leave it off cross-site POSTs),
// Secure whenever the request came over TLS.
func sessionCookieFor(r *http.Request, id string) *http.Cookie {
	return &http.Cookie{
		Name: sessionCookie, Value: id, Path: "/", MaxAge: int(sessionTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	}
}
