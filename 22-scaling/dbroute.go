package main

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"workbook/serve/problem"
)

// note is a row of the notes table.
type note struct {
	ID   int64     `json:"id"`
	Body string    `json:"body"`
	At   time.Time `json:"-"`
}

// fakeDB is an in-process stand-in for a primary with one asynchronous
// replica: the replica sees a row lag after the primary committed it. It
// runs no SQL; the router below only reads the statement's verb to choose.
type fakeDB struct {
	mu   sync.Mutex
	rows []note
	lag  time.Duration
	now  func() time.Time
}

// maxNotes bounds the table.
const maxNotes = 10000

func (db *fakeDB) insert(body string) (note, bool) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if len(db.rows) >= maxNotes {
		return note{}, false
	}
	n := note{ID: int64(len(db.rows) + 1), Body: body, At: db.now()}
	db.rows = append(db.rows, n)
	return n, true
}

// list returns the rows the chosen node can see.
func (db *fakeDB) list(fromReplica bool) []note {
	db.mu.Lock()
	defer db.mu.Unlock()
	cutoff := db.now().Add(-db.lag)
	out := []note{}
	for _, n := range db.rows {
		if !fromReplica || !n.At.After(cutoff) {
			out = append(out, n)
		}
	}
	return out
}

// dbRouter sends each statement to the primary or the replica.
type dbRouter struct {
	db  *fakeDB
	ryw time.Duration // after a write, this client's reads go to the primary for this long
	now func() time.Time
}

// readOnly reports whether a statement may run on a replica: a SELECT
// that takes no row locks. Everything else — writes, DDL, SELECT … FOR
// UPDATE — must run where the writes happen.
func readOnly(sql string) bool {
	s := strings.ToUpper(strings.TrimSpace(sql))
	return strings.HasPrefix(s, "SELECT") && !strings.Contains(s, " FOR UPDATE") && !strings.Contains(s, " FOR SHARE")
}

// useReplica decides where a statement runs. The client's last write time
// comes from a cookie, so any instance can honour read-your-writes: the
// state travels with the client, not in one instance's memory.
func (rt *dbRouter) useReplica(sql string, lastWrite time.Time) (bool, string) {
	switch {
	case !readOnly(sql):
		return false, "write"
	case !lastWrite.IsZero() && rt.now().Sub(lastWrite) < rt.ryw:
		return false, "read-your-writes"
	default:
		return true, "read"
	}
}

const lastWriteCookie = "last_write"

func (a *app) addNote(w http.ResponseWriter, r *http.Request) {
	body := r.URL.Query().Get("body")
	if body == "" || len(body) > 200 {
		problem.Error(w, r, http.StatusBadRequest, "body must be 1 to 200 bytes")
		return
	}
	_, why := a.db.useReplica("INSERT INTO notes (body) VALUES ($1)", time.Time{})
	n, ok := a.db.db.insert(body)
	if !ok {
		problem.Error(w, r, http.StatusInsufficientStorage, "the notes table is full")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: lastWriteCookie, Value: strconv.FormatInt(n.At.UnixMilli(), 10), Path: "/", MaxAge: 60})
	w.Header().Set("X-DB", "primary ("+why+")")
	a.writeJSON(w, n)
}

func (a *app) listNotes(w http.ResponseWriter, r *http.Request) {
	var last time.Time
	if c, err := r.Cookie(lastWriteCookie); err == nil {
		if ms, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
			last = time.UnixMilli(ms)
		}
	}
	replica, why := a.db.useReplica("SELECT id, body FROM notes ORDER BY id", last)
	target := "primary"
	if replica {
		target = "replica"
	}
	w.Header().Set("X-DB", target+" ("+why+")")
	a.writeJSON(w, a.db.db.list(replica))
}
