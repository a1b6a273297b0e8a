package main

import (
	"crypto/rand"
	"net/http"
	"sync"
	"time"
)

// sessionCookie names the cookie that carries the session ID. In
// production prefer the "__Host-" prefix (__Host-session): browsers then
// refuse the cookie unless it is Secure, Path=/ and has no Domain, so a
// sibling subdomain cannot plant or overwrite it.
const sessionCookie = "session"

// A session is server-side state; the cookie holds only a random ID.
// Logging out or banning a user takes effect on the next request — the
// advantage over stateless tokens — at the cost of a lookup per request
// and a store every replica must share (Redis, a database table).
type session struct {
	userID  string
	expires time.Time
}

type sessionStore struct {
	mu   sync.Mutex
	ttl  time.Duration
	now  func() time.Time
	byID map[string]session
}

func newSessionStore(ttl time.Duration, now func() time.Time) *sessionStore {
	return &sessionStore{ttl: ttl, now: now, byID: map[string]session{}}
}

// create always makes a fresh ID, so an ID planted before login
// (session fixation) never becomes authenticated.
func (s *sessionStore) create(userID string) (string, time.Time) {
	id := rand.Text() + rand.Text()
	exp := s.now().Add(s.ttl)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[id] = session{userID: userID, expires: exp}
	return id, exp
}

func (s *sessionStore) get(id string) (session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.byID[id]
	if !ok {
		return session{}, false
	}
	if !s.now().Before(sess.expires) {
		delete(s.byID, id)
		return session{}, false
	}
	return sess, true
}

func (s *sessionStore) delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, id)
}

// sessionUser returns the user of the request's session cookie, if any.
func (s *server) sessionUser(r *http.Request) (account, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return account{}, false
	}
	sess, ok := s.sessions.get(c.Value)
	if !ok {
		return account{}, false
	}
	u, err := s.users.get(sess.userID)
	return u, err == nil
}

func (s *server) handleSessionLogin(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decodeJSON(w, r, &c) {
		return
	}
	u, ok := s.authenticate(w, r, c)
	if !ok {
		return
	}
	if old, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.delete(old.Value)
	}
	id, _ := s.sessions.create(u.ID)
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    id,
		Path:     "/",
		MaxAge:   int(s.cfg.SessionTTL.Seconds()), // relative, so a skewed client clock cannot stretch it
		Secure:   true,                            // never sent over plain HTTP (localhost is exempt in browsers and curl)
		HttpOnly: true,                            // invisible to JavaScript, so XSS cannot read it
		SameSite: http.SameSiteLaxMode,            // not sent on cross-site POSTs; still sent on top-level GET navigations (the OAuth redirect needs that)
	})
	s.audit(r, "login.success", "user", u.ID, "method", "password+session")
	writeJSON(w, http.StatusOK, userView{ID: u.ID, Email: u.Email, Role: u.Role})
}

func (s *server) handleSessionMe(w http.ResponseWriter, r *http.Request) {
	u, ok := s.sessionUser(r)
	if !ok {
		writeProblem(w, r, http.StatusUnauthorized, "no valid session cookie; POST /session/login first")
		return
	}
	writeJSON(w, http.StatusOK, userView{ID: u.ID, Email: u.Email, Role: u.Role})
}

func (s *server) handleSessionLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.delete(c.Value)
		s.audit(r, "logout", "method", "session")
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	w.WriteHeader(http.StatusNoContent)
}
