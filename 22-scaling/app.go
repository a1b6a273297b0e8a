package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"workbook/serve/problem"
)

// app is one instance of the application behind the balancer. Everything
// it must share with its siblings (the notes) lives in db; the sessions map
// is the deliberate mistake the lesson shows: state in one instance's memory.
type app struct {
	name     string
	db       *dbRouter
	hotSpot  bool          // serve /articles with the planted slow code
	workTime time.Duration // simulated I/O per POST /work

	mu       sync.Mutex
	sessions map[string]string // session ID → user, in THIS process only
}

// maxSessions bounds the in-memory session map.
const maxSessions = 10000

func newApp(name string, db *dbRouter, hotSpot bool, workTime time.Duration) *app {
	return &app{name: name, db: db, hotSpot: hotSpot, workTime: workTime, sessions: map[string]string{}}
}

// routes is one instance's handler tree.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("POST /work", a.work)
	mux.HandleFunc("GET /articles", a.articles)
	mux.HandleFunc("POST /login", a.login)
	mux.HandleFunc("GET /me", a.me)
	mux.HandleFunc("POST /notes", a.addNote)
	mux.HandleFunc("GET /notes", a.listNotes)
	return problem.Routes(mux)
}

// writeJSON answers 200 with v and says which instance answered.
func (a *app) writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Instance", a.name)
	_ = json.NewEncoder(w).Encode(v)
}

// work stands for a request that waits on I/O: ?ms= overrides the time.
func (a *app) work(w http.ResponseWriter, r *http.Request) {
	d := a.workTime
	if v := r.URL.Query().Get("ms"); v != "" {
		ms, err := strconv.Atoi(v)
		if err != nil || ms < 0 || ms > 1000 {
			problem.Error(w, r, http.StatusBadRequest, "ms must be an integer from 0 to 1000")
			return
		}
		d = time.Duration(ms) * time.Millisecond
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, maxBody))
	select {
	case <-time.After(d):
	case <-r.Context().Done():
		return
	}
	a.writeJSON(w, map[string]any{"instance": a.name, "bytes": n})
}

// articles lists the slugs of the articles with ?tag=; see hotspot.go.
func (a *app) articles(w http.ResponseWriter, r *http.Request) {
	tag := r.URL.Query().Get("tag")
	if !validTag(tag) {
		problem.Error(w, r, http.StatusBadRequest, "tag must be 1 to 32 characters of a-z, 0-9 and '-'")
		return
	}
	valid := validSlug
	if a.hotSpot {
		valid = validSlugPlanted
	}
	slugs := articlesWithTag(tag, valid)
	a.writeJSON(w, map[string]any{"instance": a.name, "tag": tag, "count": len(slugs)})
}

// login stores a session in this instance's memory: the next request, sent
// by round-robin to a sibling, will not find it.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	if !validTag(user) {
		problem.Error(w, r, http.StatusBadRequest, "user must be 1 to 32 characters of a-z, 0-9 and '-'")
		return
	}
	var raw [16]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go 1.24+)
	sid := hex.EncodeToString(raw[:])
	a.mu.Lock()
	if len(a.sessions) >= maxSessions {
		a.mu.Unlock()
		problem.Error(w, r, http.StatusServiceUnavailable, "too many sessions on this instance")
		return
	}
	a.sessions[sid] = user
	a.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: sid, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	a.writeJSON(w, map[string]any{"instance": a.name, "user": user})
}

func (a *app) me(w http.ResponseWriter, r *http.Request) {
	var user string
	if c, err := r.Cookie("sid"); err == nil {
		a.mu.Lock()
		user = a.sessions[c.Value]
		a.mu.Unlock()
	}
	if user == "" {
		w.Header().Set("X-Instance", a.name)
		problem.Error(w, r, http.StatusUnauthorized, "no session on "+a.name+": sessions live in the memory of the instance that made them")
		return
	}
	a.writeJSON(w, map[string]any{"instance": a.name, "user": user})
}
