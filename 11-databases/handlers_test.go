package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// fakeStore is a storage that validates like pgStore and then fails the
// test, which proves bad input is refused before it reaches the database.
// A test that wants the store to answer sets fail: every write then returns
// that error, as a broken database would.
type fakeStore struct {
	t    *testing.T
	fail error
}

var _ storage = fakeStore{}

func (f fakeStore) unexpected(what string) error {
	if f.fail != nil {
		return f.fail
	}
	f.t.Helper()
	f.t.Errorf("the store was called (%s) for a request that should have been refused first", what)
	return nil
}

func (f fakeStore) CreateUser(ctx context.Context, username, email string) (user, error) {
	if err := validateUser(username, email); err != nil {
		return user{}, err
	}
	return user{}, f.unexpected("CreateUser")
}

func (f fakeStore) CreateArticle(ctx context.Context, a articleInput) (article, error) {
	if err := validateArticle(a); err != nil {
		return article{}, err
	}
	return article{}, f.unexpected("CreateArticle")
}

func (f fakeStore) ListArticles(context.Context, listQuery) ([]article, cursor, error) {
	return nil, cursor{}, f.unexpected("ListArticles")
}

func (f fakeStore) GetArticle(context.Context, string) (article, []comment, error) {
	return article{}, nil, f.unexpected("GetArticle")
}

func (f fakeStore) AddComment(ctx context.Context, slug, author, body string) (comment, error) {
	if err := validateComment(author, body); err != nil {
		return comment{}, err
	}
	return comment{}, f.unexpected("AddComment")
}

func (f fakeStore) Explain(context.Context, string, bool) (json.RawMessage, error) {
	return nil, f.unexpected("Explain")
}

func (f fakeStore) Stats() poolStats { return poolStats{} }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// serveOne sends one request through h and returns the recorded response.
// A body is sent as application/json.
func serveOne(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestBadInputIsRefusedWithA4xx needs no database: every request here is
// refused before the store would run SQL, as a problem (RFC 9457) whose
// detail — or, for a 422, whose errors — say what was wrong.
func TestBadInputIsRefusedWithA4xx(t *testing.T) {
	tests := []struct {
		name, method, target, body string
		wantStatus                 int
		wantDetail                 string   // in detail
		wantFields                 []string // "pointer: detail fragment", every invalid field of a 422
	}{
		{name: "limit not a number", method: "GET", target: "/articles?limit=ten", wantStatus: 400, wantDetail: `limit "ten" must be a whole number from 1 to 100`},
		{name: "limit too large", method: "GET", target: "/articles?limit=1000", wantStatus: 400, wantDetail: "from 1 to 100"},
		{name: "limit zero", method: "GET", target: "/articles?limit=0", wantStatus: 400, wantDetail: "from 1 to 100"},
		{name: "cursor forged", method: "GET", target: "/articles?cursor=bm90LWEtY3Vyc29y", wantStatus: 400, wantDetail: "is not one this server made"},
		{name: "cursor not base64", method: "GET", target: "/articles?cursor=%25%25", wantStatus: 400, wantDetail: "is not one this server made"},
		{name: "tag with spaces", method: "GET", target: "/articles?tag=a%20b", wantStatus: 400, wantDetail: `tag "a b" must be`},
		{name: "explain unknown query", method: "GET", target: "/explain/drop-table", wantStatus: 404, wantDetail: `query "drop-table" not found; try one of`},
		{name: "explain bad analyze", method: "GET", target: "/explain/feed?analyze=maybe", wantStatus: 400, wantDetail: `analyze "maybe" must be true or false`},
		{name: "user empty body", method: "POST", target: "/users", wantStatus: 400, wantDetail: "body is empty"},
		{name: "user broken JSON", method: "POST", target: "/users", body: `{"username":`, wantStatus: 400, wantDetail: "not valid JSON"},
		{name: "user syntax error", method: "POST", target: "/users", body: `{"username" "ada"}`, wantStatus: 400, wantDetail: "not valid JSON (at byte 13)"},
		{name: "user unknown field", method: "POST", target: "/users", body: `{"username":"ada","email":"a@b.c","admin":true}`, wantStatus: 400, wantDetail: `unknown field "admin"`},
		{name: "user wrong type", method: "POST", target: "/users", body: `{"username":7}`, wantStatus: 400, wantDetail: `field "username" must be a string`},
		{name: "user trailing data", method: "POST", target: "/users", body: `{"username":"ada","email":"ada@example.com"} {}`, wantStatus: 400, wantDetail: "data after the JSON object"},
		{name: "user bad username and email", method: "POST", target: "/users", body: `{"username":"Ada Lovelace","email":"ada at example"}`, wantStatus: 422,
			wantFields: []string{"/username: must be 1-32 characters of a-z", "/email: is not a plain address"}},
		{name: "article every field wrong", method: "POST", target: "/articles", body: `{"author":"Ada!","title":"  ","tags":["Go Lang","ok"]}`, wantStatus: 422,
			wantFields: []string{"/author: must be a username", "/title: title is required", `/tags/0: tag "Go Lang" must be`}},
		{name: "article symbols-only title", method: "POST", target: "/articles", body: `{"author":"ada","title":"!!!"}`, wantStatus: 422,
			wantFields: []string{"/title: title must contain a letter or digit"}},
		{name: "article non-ASCII-only title", method: "POST", target: "/articles", body: `{"author":"ada","title":"日本語"}`, wantStatus: 422,
			wantFields: []string{"/title: title must contain a letter or digit"}},
		{name: "article too many tags", method: "POST", target: "/articles", body: `{"author":"ada","title":"Hi","tags":["a","b","c","d","e","f","g","h","i","j","k"]}`, wantStatus: 422,
			wantFields: []string{"/tags: 11 tags, the limit is 10"}},
		{name: "comment empty", method: "POST", target: "/articles/x/comments", body: `{"author":"ada","body":""}`, wantStatus: 422,
			wantFields: []string{"/body: comment body is required"}},
		{name: "body too large", method: "POST", target: "/users", body: `{"username":"` + strings.Repeat("a", maxBodyBytes) + `"}`, wantStatus: 413, wantDetail: "larger than 1048576 bytes"},
	}
	srv := watchErrors(t, routes(fakeStore{t: t}, discardLogger()))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serveOne(srv, tc.method, tc.target, tc.body)
			p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tc.wantStatus, tc.target)
			if !strings.Contains(p.Detail, tc.wantDetail) {
				t.Errorf("%s %s detail = %q, want it to contain %q", tc.method, tc.target, p.Detail, tc.wantDetail)
			}
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Pointer+": "+f.Detail)
			}
			if len(got) != len(tc.wantFields) {
				t.Fatalf("%s %s errors = %q, want one per field: %q", tc.method, tc.target, got, tc.wantFields)
			}
			for i, want := range tc.wantFields {
				pointer, fragment, _ := strings.Cut(want, ": ")
				if p.Errors[i].Pointer != pointer || !strings.Contains(p.Errors[i].Detail, fragment) {
					t.Errorf("%s %s errors[%d] = %q, want %q", tc.method, tc.target, i, got[i], want)
				}
			}
		})
	}
}

// TestUnsupportedMediaTypeIs415: a body that says it is not JSON is refused
// before it is read; no Content-Type at all is read as JSON.
func TestUnsupportedMediaTypeIs415(t *testing.T) {
	srv := watchErrors(t, routes(fakeStore{t: t}, discardLogger()))
	req := httptest.NewRequest("POST", "/users", strings.NewReader("username=ada"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 415, "/users")
	if !strings.Contains(p.Detail, "send application/json") {
		t.Errorf("415 detail = %q, want it to say what to send", p.Detail)
	}
	for _, ct := range []string{"", "application/json; charset=utf-8", "application/merge-patch+json"} {
		req := httptest.NewRequest("POST", "/users", strings.NewReader(`{"username":"Bad Name","email":"ada@example.com"}`))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 422 {
			t.Errorf("Content-Type %q: status %d, want the body read as JSON (422 for its bad username)", ct, rec.Code)
		}
	}
}

// TestWrongMethodIs405ProblemWithAllow: a route asked with a method it does
// not serve answers 405 with Allow (RFC 9110 §15.5.6) in the house shape;
// a path no route serves is a 404 problem.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	srv := watchErrors(t, routes(fakeStore{t: t}, discardLogger()))
	tests := []struct{ method, target, allow string }{
		{"DELETE", "/articles", "GET, HEAD, POST"},
		{"PUT", "/articles/some-slug", "GET, HEAD"},
		{"GET", "/articles/some-slug/comments", "POST"},
		{"GET", "/users", "POST"},
		{"POST", "/explain/feed", "GET, HEAD"},
	}
	for _, tc := range tests {
		rec := serveOne(srv, tc.method, tc.target, "")
		p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 405, tc.target)
		if got := rec.Header().Get("Allow"); got != tc.allow {
			t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.target, got, tc.allow)
		}
		if !strings.Contains(p.Detail, tc.allow) {
			t.Errorf("%s %s detail = %q, want it to name %q", tc.method, tc.target, p.Detail, tc.allow)
		}
	}
	rec := serveOne(srv, "GET", "/nothing/here", "")
	wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nothing/here")
}

// TestDependencyErrorsAreNotSent: whatever the database says goes to the
// log; the client gets a status and a detail written for it. The errors are
// what pgx really returns (a *pgconn.PgError prints as "ERROR: … (SQLSTATE
// …)"), and the log is checked to have kept them.
func TestDependencyErrorsAreNotSent(t *testing.T) {
	checkViolation := &pgconn.PgError{Severity: "ERROR", Code: "23514", ConstraintName: "comments_body_check",
		Message: `new row for relation "comments" violates check constraint "comments_body_check"`}
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantDetail string
		wantInLog  string
	}{
		{"check violation", fmt.Errorf("insert: %w", refusedByConstraint(checkViolation)), 422, "a value breaks a rule of the database schema", "violates check constraint"},
		{"connection refused", errors.New(`failed to connect to user=postgres database=workbook: dial tcp 127.0.0.1:5432: connect: connection refused`), 500, "the error is logged", "connection refused"},
		{"undefined table", &pgconn.PgError{Severity: "ERROR", Code: "42P01", Message: `relation "artcles" does not exist`}, 500, "the error is logged", "(SQLSTATE 42P01)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			logger := slog.New(slog.NewTextHandler(&log, nil))
			srv := watchErrors(t, routes(fakeStore{t: t, fail: tc.err}, logger))
			rec := serveOne(srv, "POST", "/articles/x/comments", `{"author":"ada","body":"hi"}`)
			p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tc.wantStatus, "/articles/x/comments")
			if !strings.Contains(p.Detail, tc.wantDetail) {
				t.Errorf("detail = %q, want %q", p.Detail, tc.wantDetail)
			}
			if !strings.Contains(log.String(), tc.wantInLog) {
				t.Errorf("the log does not keep the database's error %q:\n%s", tc.err, log.String())
			}
		})
	}
}

// TestDeadlinePassedIs503: a query that outlives the request's deadline
// (withDeadline) is answered 503 by the handler, in the house shape.
func TestDeadlinePassedIs503(t *testing.T) {
	slow := slowStore{fakeStore{t: t}}
	srv := watchErrors(t, withDeadline(routes(slow, discardLogger()), 20e6))
	rec := serveOne(srv, "GET", "/articles", "")
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/articles")
	if !strings.Contains(p.Detail, "did not answer within") {
		t.Errorf("detail = %q, want it to say the database did not answer in time", p.Detail)
	}
}

// slowStore's ListArticles waits for its context, as a pgx query does.
type slowStore struct{ fakeStore }

func (s slowStore) ListArticles(ctx context.Context, _ listQuery) ([]article, cursor, error) {
	<-ctx.Done()
	return nil, cursor{}, fmt.Errorf("timeout: %w", ctx.Err()) // pgconn's errTimeout reads like this
}

func TestCursorRoundTrip(t *testing.T) {
	c := cursor{ID: 42}
	c.CreatedAt = c.CreatedAt.Add(1)
	got, err := decodeCursor(encodeCursor(c))
	if err != nil || got.ID != 42 || !got.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("decodeCursor(encodeCursor(%+v)) = %+v, %v; want the same cursor", c, got, err)
	}
	if encodeCursor(cursor{}) != "" {
		t.Errorf("encodeCursor(zero) = %q, want empty", encodeCursor(cursor{}))
	}
}

func TestSummarizePlan(t *testing.T) {
	raw := json.RawMessage(`[{"Plan": {"Node Type": "Limit", "Plans": [
		{"Node Type": "Index Scan", "Index Name": "articles_created_at_id_idx", "Relation Name": "articles", "Actual Rows": 21}]}}]`)
	got, err := summarizePlan(raw)
	want := []string{"Limit", "  Index Scan using articles_created_at_id_idx on articles (actual rows 21)"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("summarizePlan = %q, %v; want %q", got, err, want)
	}
}

// TestUnreachableDatabaseExplainsWhatToDo checks the message `go run
// ./11-databases` prints when nothing listens: no stack trace, instructions.
func TestUnreachableDatabaseExplainsWhatToDo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5e9)
	defer cancel()
	_, err := newPool(ctx, "postgres://u:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", poolSettings{MaxConns: 1})
	ue, ok := err.(*unreachableError)
	if !ok {
		t.Fatalf("newPool(nothing listening) error = %v (%T), want *unreachableError", err, err)
	}
	hint := ue.Hint()
	for _, want := range []string{"cannot reach PostgreSQL", "docker compose up -d postgres", "DATABASE_URL", "create database workbook"} {
		if !strings.Contains(hint, want) {
			t.Errorf("Hint() = %q, want it to mention %q", hint, want)
		}
	}
	if strings.Contains(hint, "secret") {
		t.Errorf("Hint() = %q, want the password redacted", hint)
	}
}

func TestIndexListsEndpoints(t *testing.T) {
	rec := serveOne(routes(fakeStore{t: t}, discardLogger()), "GET", "/", "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "GET /explain") {
		t.Errorf("GET / = %d %s, want 200 listing the endpoints", rec.Code, rec.Body)
	}
}
