package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/crypto/bcrypt"

	"workbook/serve/problem"
)

// note is one row of sec_notes.
type note struct {
	Owner   string `json:"owner"`
	Title   string `json:"title"`
	Private bool   `json:"private"`
}

// demoUsers are the seeded accounts (a demo: real passwords never sit in code).
var demoUsers = map[string]string{"alice": "correct horse battery staple", "bob": "hunter2hunter2"}

// setupSchema creates the chapter's tables and seeds them; safe to re-run.
func setupSchema(ctx context.Context, db *pgxpool.Pool, cost int) error {
	_, err := db.Exec(ctx, `
CREATE TABLE IF NOT EXISTS sec_users (name text PRIMARY KEY, password_hash text NOT NULL, email text NOT NULL);
CREATE TABLE IF NOT EXISTS sec_notes (id serial PRIMARY KEY, owner text NOT NULL, title text NOT NULL, private bool NOT NULL,
	UNIQUE (owner, title));
CREATE TABLE IF NOT EXISTS sec_login_failures (key text PRIMARY KEY, failures int NOT NULL,
	last_failure timestamptz NOT NULL DEFAULT now(), locked_until timestamptz);
INSERT INTO sec_notes (owner, title, private) VALUES
	('alice', 'alice: shopping list', false), ('alice', 'alice: my bank PIN is 4711', true),
	('bob', 'bob: holiday photos', false), ('bob', 'bob: salary 98k', true)
ON CONFLICT DO NOTHING;`)
	if err != nil {
		return err
	}
	for name, pw := range demoUsers {
		hash, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, `INSERT INTO sec_users VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			name, string(hash), name+"@example.com"); err != nil {
			return err
		}
	}
	return nil
}

// publicNotesUnsafe builds SQL by concatenation: owner is spliced into the
// statement, so a quote in it ends the string literal and the rest is SQL.
func publicNotesUnsafe(ctx context.Context, db *pgxpool.Pool, owner string) ([]note, error) {
	// VULNERABLE: owner = "' OR '1'='1" turns the WHERE into "... OR true".
	sql := "SELECT owner, title, private FROM sec_notes WHERE NOT private AND owner = '" + owner + "' ORDER BY id"
	rows, err := db.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[note])
}

// publicNotes passes owner as a parameter: the statement and the value
// travel separately (extended protocol), so no value can change the SQL.
func publicNotes(ctx context.Context, db *pgxpool.Pool, owner string) ([]note, error) {
	rows, err := db.Query(ctx,
		"SELECT owner, title, private FROM sec_notes WHERE NOT private AND owner = $1 ORDER BY id", owner)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[note])
}

// usernamePattern is an allowlist: say what a name may be, not which
// characters are dangerous (a blocklist always forgets one).
var usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

func (a *app) handleNotesUnsafe(w http.ResponseWriter, r *http.Request) {
	notes, err := publicNotesUnsafe(r.Context(), a.db, r.URL.Query().Get("owner"))
	if err != nil {
		// Even the vulnerable route keeps the SQL error out of the response:
		// error text is the first thing an injection attacker reads.
		problem.Error(w, r, http.StatusInternalServerError, "query failed")
		return
	}
	writeNotes(w, notes)
}

func (a *app) handleNotesSafe(w http.ResponseWriter, r *http.Request) {
	owner := r.URL.Query().Get("owner")
	if !usernamePattern.MatchString(owner) {
		p := problem.New(http.StatusUnprocessableEntity, "the query has invalid fields")
		p.Errors = []problem.FieldError{{Pointer: "/owner", Detail: "owner must be a user name: a lowercase letter, then up to 31 of a-z, 0-9, _"}}
		problem.Write(w, r, p)
		return
	}
	notes, err := publicNotes(r.Context(), a.db, owner)
	if err != nil {
		problem.Error(w, r, http.StatusInternalServerError, "query failed")
		return
	}
	writeNotes(w, notes)
}

func writeNotes(w http.ResponseWriter, notes []note) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	for _, n := range notes {
		fmt.Fprintf(w, "%s\tprivate=%t\t%s\n", n.Owner, n.Private, n.Title)
	}
}
