package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// TestSQLInjection performs the attack against real PostgreSQL: a quote in
// owner ends the literal and "OR '1'='1" makes every row match, private
// notes of other users included. The parameterised query returns nothing.
func TestSQLInjection(t *testing.T) {
	a, _ := newDBApp(t)
	h := problemtest.WatchErrors(t, a.routes())
	attack := "' OR '1'='1"

	rec := do(h, "GET", "/vuln/notes?owner=alice", nil, nil)
	if rec.Code != 200 || strings.Contains(rec.Body.String(), "private=true") || !strings.Contains(rec.Body.String(), "alice: shopping list") {
		t.Fatalf("honest use of /vuln/notes = %d %q, want alice's public note only", rec.Code, rec.Body)
	}

	rec = do(h, "GET", "/vuln/notes?owner="+url.QueryEscape(attack), nil, nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "bob: salary 98k") || !strings.Contains(rec.Body.String(), "alice: my bank PIN") {
		t.Fatalf("the attack on /vuln/notes = %d %q, want every private note dumped", rec.Code, rec.Body)
	}

	// A broken statement is still no SQL text on the wire.
	rec = do(h, "GET", "/vuln/notes?owner="+url.QueryEscape("'"), nil, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 500, "/vuln/notes?owner=%27")

	// The fixed route: the allowlist refuses the value outright…
	rec = do(h, "GET", "/safe/notes?owner="+url.QueryEscape(attack), nil, nil)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/safe/notes?owner=%27+OR+%271%27%3D%271")
	rec = do(h, "GET", "/safe/notes?owner=bob", nil, nil)
	if rec.Code != 200 || rec.Body.String() != "bob\tprivate=false\tbob: holiday photos\n" {
		t.Errorf("/safe/notes?owner=bob = %d %q, want bob's public note", rec.Code, rec.Body)
	}

	// …and the parameter alone already makes the attack a plain string.
	notes, err := publicNotes(context.Background(), a.db, attack)
	if err != nil || len(notes) != 0 {
		t.Errorf("publicNotes(%q) = %v, %v; want no rows", attack, notes, err)
	}
}
