package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestAppRoutes(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	db := &dbRouter{db: &fakeDB{lag: 2 * time.Second, now: clk.now}, ryw: 5 * time.Second, now: clk.now}
	h := problemtest.WatchErrors(t, newApp("app-1", db, true, 0).routes())
	do := func(method, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(""))
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct{ method, target string }{
		{"GET", "/articles?tag=Go!"}, {"GET", "/articles"}, {"POST", "/work?ms=x"}, {"POST", "/work?ms=5000"},
		{"POST", "/login?user="}, {"POST", "/notes?body="}, {"POST", "/notes?body=" + strings.Repeat("x", 201)},
	} {
		rec := do(tc.method, tc.target)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 400, tc.target)
	}
	rec := do("DELETE", "/work")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/work")
	rec = do("GET", "/articles?tag=go")
	var got struct{ Count int }
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &got) != nil || got.Count != 176 {
		t.Errorf("GET /articles?tag=go = %d %s, want 200 with count 176", rec.Code, rec.Body)
	}

	// Sessions: the instance that made one knows it; a sibling does not.
	rec = do("POST", "/login?user=ada")
	sid := rec.Result().Cookies()
	if rec.Code != 200 || len(sid) != 1 {
		t.Fatalf("POST /login = %d with %d cookies", rec.Code, len(sid))
	}
	if rec := do("GET", "/me", sid...); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"ada"`) {
		t.Errorf("GET /me on the same instance = %d %s", rec.Code, rec.Body)
	}
	sibling := problemtest.WatchErrors(t, newApp("app-2", db, false, 0).routes())
	req := httptest.NewRequest("GET", "/me", nil)
	req.AddCookie(sid[0])
	rec = httptest.NewRecorder()
	sibling.ServeHTTP(rec, req)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 401, "/me")

	// Notes: a write goes to the primary; for ryw the writer reads the
	// primary, everyone else reads the lagging replica.
	rec = do("POST", "/notes?body=hello")
	lw := rec.Result().Cookies()
	if rec.Code != 200 || rec.Header().Get("X-DB") != "primary (write)" || len(lw) != 1 {
		t.Fatalf("POST /notes = %d X-DB %q", rec.Code, rec.Header().Get("X-DB"))
	}
	clk.t = clk.t.Add(time.Second)
	check := func(name string, rec *httptest.ResponseRecorder, wantDB string, wantRows int) {
		t.Helper()
		var rows []note
		_ = json.Unmarshal(rec.Body.Bytes(), &rows)
		if rec.Header().Get("X-DB") != wantDB || len(rows) != wantRows {
			t.Errorf("%s: X-DB %q with %d rows, want %q with %d", name, rec.Header().Get("X-DB"), len(rows), wantDB, wantRows)
		}
	}
	check("the writer, 1s later", do("GET", "/notes", lw...), "primary (read-your-writes)", 1)
	check("another client, 1s later", do("GET", "/notes"), "replica (read)", 0)
	clk.t = clk.t.Add(5 * time.Second)
	check("the writer, 6s later", do("GET", "/notes", lw...), "replica (read)", 1)
}

func TestReadOnly(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT id FROM notes":                       true,
		"  select id from notes":                     true,
		"SELECT id FROM notes WHERE id=1 FOR UPDATE": false,
		"select id from notes for share":             false,
		"INSERT INTO notes (body) VALUES ($1)":       false,
		"UPDATE notes SET body=$1":                   false,
		"WITH d AS (DELETE FROM notes) SELECT 1":     false,
	} {
		if got := readOnly(sql); got != want {
			t.Errorf("readOnly(%q) = %v, want %v", sql, got, want)
		}
	}
}

// TestSessionsBreakRoundRobin: through the balancer, the request after a
// login lands on another instance, which has never heard of the session.
func TestSessionsBreakRoundRobin(t *testing.T) {
	_, base := startCluster(t, testConfig())
	client := newClient()
	resp, err := client.Post(base+"/login?user=ada", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	codes := map[int]int{}
	for range 3 {
		req, _ := http.NewRequest("GET", base+"/me", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
	}
	if codes[200] != 1 || codes[401] != 2 {
		t.Errorf("three GET /me after a login over 3 round-robin instances: %v, want one 200 and two 401", codes)
	}
}

func TestHotSpotAndFixAgree(t *testing.T) {
	for _, tag := range []string{"go", "k8s", "none"} {
		a, b := articlesWithTag(tag, validSlugPlanted), articlesWithTag(tag, validSlug)
		if strings.Join(a, ",") != strings.Join(b, ",") {
			t.Errorf("tag %q: planted and fixed code disagree", tag)
		}
	}
	for s, want := range map[string]bool{"a-b-1": true, "a--b": false, "-a": false, "A": false, "": false} {
		if validSlug(s) != want || validSlugPlanted(s) != want {
			t.Errorf("validSlug(%q) != %v", s, want)
		}
	}
}

// BenchmarkArticles measures the planted hot spot and its fix in one run:
// divide the two ns/op for the ratio.
func BenchmarkArticles(b *testing.B) {
	for _, bc := range []struct {
		name  string
		valid func(string) bool
	}{{"planted", validSlugPlanted}, {"fixed", validSlug}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				articlesWithTag("go", bc.valid)
			}
		})
	}
}
