package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/memory"
	"workbook/12-business-logic/postgres"
	"workbook/12-business-logic/publishing"
	"workbook/testinfra"
)

// newTestServer wires the server as main does, except that the relay
// flushes synchronously after each commit so tests need not wait. Every
// response goes through watchErrors, so no test can provoke an error body
// that carries driver, SQL or runtime text without failing.
func newTestServer(t *testing.T, uow publishing.UnitOfWork, opts ...publishing.Option) http.Handler {
	t.Helper()
	return newTestServerLogging(t, uow, slog.New(slog.DiscardHandler), opts...)
}

func newTestServerLogging(t *testing.T, uow publishing.UnitOfWork, logger *slog.Logger, opts ...publishing.Option) http.Handler {
	t.Helper()
	notes := newNotifier(logger)
	relay := publishing.NewRelay(uow, notes.Deliver, maxDeliveries, logger)
	svc := publishing.NewService(uow, append(opts, publishing.WithAfterCommit(relay.FlushAfterCommit))...)
	return watchErrors(t, newServer(svc, notes, logger).Handler)
}

type step struct {
	name, method, target, user, role, body string
	wantStatus                             int
	wantInBody                             string
}

func runSteps(t *testing.T, h http.Handler, steps []step) {
	t.Helper()
	for _, s := range steps {
		req := httptest.NewRequest(s.method, s.target, strings.NewReader(s.body))
		if s.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if s.user != "" {
			req.Header.Set("X-User", s.user)
			req.Header.Set("X-Role", s.role)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != s.wantStatus || !strings.Contains(rec.Body.String(), s.wantInBody) {
			t.Errorf("%s: %s %s = %d %s\nwant %d containing %q", s.name, s.method, s.target, rec.Code, rec.Body, s.wantStatus, s.wantInBody)
		}
	}
}

// workflow is the whole story, the same over both adapters.
var workflow = []step{
	{"author drafts", "POST", "/articles", "ada", "author", `{"title":"Why PostgreSQL?","body":"Because constraints keep data honest.","notify":"ada@example.com"}`, 201, `"status": "draft"`},
	{"editor cannot approve a draft", "POST", "/articles/why-postgresql/approve", "grace", "editor", "", 409, "cannot approve an article in draft"},
	{"another author cannot submit it", "POST", "/articles/why-postgresql/submit", "bob", "author", "", 403, "only the author ada"},
	{"author submits", "POST", "/articles/why-postgresql/submit", "ada", "author", "", 200, `"status": "review"`},
	{"author cannot revise in review", "PUT", "/articles/why-postgresql", "ada", "author", `{"title":"x","body":"y"}`, 409, "cannot revise an article in review"},
	{"editor sees approve and reject", "GET", "/articles/why-postgresql", "grace", "editor", "", 200, `"allowed_actions": [
    "approve",
    "reject"
  ]`},
	{"reject needs a reason", "POST", "/articles/why-postgresql/reject", "grace", "editor", `{"reason":""}`, 422, "needs a reason"},
	{"editor rejects", "POST", "/articles/why-postgresql/reject", "grace", "editor", `{"reason":"Add a benchmark."}`, 200, `"rejection_reason": "Add a benchmark."`},
	{"author revises", "PUT", "/articles/why-postgresql", "ada", "author", `{"title":"Why PostgreSQL?","body":"Because constraints keep data honest; see the benchmark."}`, 200, `"status": "draft"`},
	{"author resubmits", "POST", "/articles/why-postgresql/submit", "ada", "author", "", 200, `"status": "review"`},
	{"the author cannot approve their own, even as editor", "POST", "/articles/why-postgresql/approve", "ada", "editor", "", 403, "may not approve their own"},
	{"editor approves", "POST", "/articles/why-postgresql/approve", "grace", "editor", "", 200, `"status": "published"`},
	{"list published", "GET", "/articles?status=published", "", "", "", 200, `"slug": "why-postgresql"`},
	{"notifications went out after commit", "GET", "/notifications", "", "", "", 200, `"subject": "Published: why-postgresql (approved by grace)"`},
	{"the rejection was notified too", "GET", "/notifications", "", "", "", 200, `Changes requested on why-postgresql: Add a benchmark.`},
	{"same title again conflicts", "POST", "/articles", "ada", "author", `{"title":"Why PostgreSQL","body":"","notify":"ada@example.com"}`, 409, "already exists"},
	{"archive", "POST", "/articles/why-postgresql/archive", "grace", "editor", "", 200, `"status": "archived"`},
	{"archived is final", "POST", "/articles/why-postgresql/archive", "ada", "author", "", 409, "cannot archive an article in archived"},
}

func TestWorkflowInMemory(t *testing.T) {
	runSteps(t, newTestServer(t, memory.New()), workflow)
}

func TestWorkflowOnPostgres(t *testing.T) {
	url := testinfra.Postgres(t)
	ctx := context.Background()
	if err := postgres.Migrate(ctx, url); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	runSteps(t, newTestServer(t, postgres.NewUnitOfWork(pool)), workflow)
}

// TestBadInput shows every malformed request gets a 4xx problem saying why:
// 400 for a malformed header, query or body, 413 and 415 for the body
// itself, 422 for a well-formed body that breaks the rules (every field at
// once), 401/403/404 as their names say.
func TestBadInput(t *testing.T) {
	h := newTestServer(t, memory.New())
	runSteps(t, h, []step{
		{"setup", "POST", "/articles", "ada", "author", `{"title":"Exists","body":"","notify":"ada@example.com"}`, 201, ""},
		{"no identity", "POST", "/articles", "", "", `{}`, 401, "send X-User"},
		{"bad role", "POST", "/articles", "ada", "admin", `{}`, 400, `role \"admin\" must be author or editor`},
		{"bad user name", "POST", "/articles", "Ada!", "author", `{}`, 400, `user \"Ada!\" must be`},
		{"empty body", "POST", "/articles", "ada", "author", ``, 400, "body is empty"},
		{"broken JSON", "POST", "/articles", "ada", "author", `{"title":`, 400, "not a valid JSON object"},
		{"syntax error", "POST", "/articles", "ada", "author", `{"title" "T"}`, 400, "not valid JSON (at byte 10)"},
		{"unknown field", "POST", "/articles", "ada", "author", `{"title":"T","status":"published"}`, 400, `unknown field \"status\"`},
		{"wrong type", "POST", "/articles", "ada", "author", `{"title":42}`, 400, `field \"title\" must be a string`},
		{"trailing data", "POST", "/articles", "ada", "author", `{"title":"T"} []`, 400, "data after the JSON object"},
		{"missing title", "POST", "/articles", "ada", "author", `{"title":" ","notify":"ada@example.com"}`, 422, `"pointer": "/title",
      "detail": "title is required"`},
		{"bad email", "POST", "/articles", "ada", "author", `{"title":"T","notify":"ada-at-example"}`, 422, `"pointer": "/notify",
      "detail": "email \"ada-at-example\" is not an address like ada@example.com"`},
		{"every field at once", "POST", "/articles", "ada", "author", `{"title":"!!!","notify":"nobody"}`, 422, `"errors": [
    {
      "pointer": "/title",
      "detail": "title must contain a letter or digit"
    },
    {
      "pointer": "/notify",`},
		{"editors do not draft", "POST", "/articles", "grace", "editor", `{"title":"T","notify":"g@example.com"}`, 403, "only authors write articles"},
		{"too large", "POST", "/articles", "ada", "author", `{"title":"` + strings.Repeat("x", 70000) + `"}`, 413, "larger than 65536 bytes"},
		{"unknown status filter", "GET", "/articles?status=deleted", "", "", "", 400, `status \"deleted\" must be`},
		{"unknown article", "GET", "/articles/nope", "", "", "", 404, `article \"nope\" not found`},
		{"malformed slug", "GET", "/articles/NOT_A_SLUG", "", "", "", 404, "not found"},
		{"unknown action", "POST", "/articles/exists/publish", "grace", "editor", "", 404, "unknown action publish"},
		{"submit too short", "POST", "/articles/exists/submit", "ada", "author", "", 422, "write at least 5"},
	})
}

// TestErrorsAreProblems: every kind of error answer is the house shape,
// RFC 9457 problem details, with instance the request's URI.
func TestErrorsAreProblems(t *testing.T) {
	h := newTestServer(t, memory.New())
	for _, tc := range []struct {
		method, target, user, role, body string
		status                           int
	}{
		{"POST", "/articles", "", "", `{}`, 401},
		{"POST", "/articles", "ada", "author", `{"title":" "}`, 422},
		{"POST", "/articles/nope/publish", "grace", "editor", "", 404},
		{"GET", "/articles?status=deleted", "", "", "", 400},
		{"GET", "/no/such/path", "", "", "", 404},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		if tc.user != "" {
			req.Header.Set("X-User", tc.user)
			req.Header.Set("X-Role", tc.role)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tc.status, tc.target)
	}
}

// TestUnsupportedMediaTypeIs415: a body labelled as anything but JSON is
// refused before it is read.
func TestUnsupportedMediaTypeIs415(t *testing.T) {
	h := newTestServer(t, memory.New())
	req := httptest.NewRequest("POST", "/articles", strings.NewReader("title=Hi"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-User", "ada")
	req.Header.Set("X-Role", "author")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 415, "/articles")
	if !strings.Contains(p.Detail, "send application/json") {
		t.Errorf("415 detail = %q, want it to say what to send", p.Detail)
	}
}

// TestWrongMethodIs405ProblemWithAllow: a route asked with a method it does
// not serve answers 405 with Allow (RFC 9110 §15.5.6), in the house shape.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	h := newTestServer(t, memory.New())
	for _, tc := range []struct{ method, target, allow string }{
		{"DELETE", "/articles", "GET, HEAD, POST"},
		{"PATCH", "/articles/why-postgresql", "GET, HEAD, PUT"},
		{"GET", "/articles/why-postgresql/submit", "POST"},
		{"POST", "/notifications", "GET, HEAD"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, nil))
		p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 405, tc.target)
		if got := rec.Header().Get("Allow"); got != tc.allow {
			t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.target, got, tc.allow)
		}
		if !strings.Contains(p.Detail, tc.allow) {
			t.Errorf("%s %s detail = %q, want it to name %q", tc.method, tc.target, p.Detail, tc.allow)
		}
	}
}

// brokenUnitOfWork fails every unit of work with the error an adapter would
// return, text and all.
type brokenUnitOfWork struct{ err error }

func (b brokenUnitOfWork) Do(context.Context, func(publishing.Repos) error) error { return b.err }

// TestAdapterErrorsAreNotSent: an error that is not a domain error — here
// what pgx returns for a missing table — is logged and answered 500 with a
// detail that says only that; watchErrors checks the body.
func TestAdapterErrorsAreNotSent(t *testing.T) {
	var log strings.Builder
	logger := slog.New(slog.NewTextHandler(&log, nil))
	pgErr := &pgconn.PgError{Severity: "ERROR", Code: "42P01", Message: `relation "publishing.articles" does not exist`}
	h := newTestServerLogging(t, brokenUnitOfWork{fmt.Errorf("postgres: %w", pgErr)}, logger)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/articles", nil))
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), 500, "/articles")
	if !strings.Contains(p.Detail, "the error is logged") {
		t.Errorf("500 detail = %q, want it to say the error is logged", p.Detail)
	}
	if !strings.Contains(log.String(), "SQLSTATE 42P01") {
		t.Errorf("the log does not keep the adapter's error:\n%s", log.String())
	}
}

// TestPolicyIsConfigurable: the same workflow with other numbers — one
// word is enough for review, one article in review per author.
func TestPolicyIsConfigurable(t *testing.T) {
	policy, err := domain.NewPolicy(1, 1)
	if err != nil {
		t.Fatal(err)
	}
	h := newTestServer(t, memory.New(), publishing.WithPolicy(policy))
	runSteps(t, h, []step{
		{"draft one", "POST", "/articles", "ada", "author", `{"title":"One","body":"Short.","notify":"ada@example.com"}`, 201, ""},
		{"draft two", "POST", "/articles", "ada", "author", `{"title":"Two","body":"Short.","notify":"ada@example.com"}`, 201, ""},
		{"one word is enough", "POST", "/articles/one/submit", "ada", "author", "", 200, `"status": "review"`},
		{"the quota is one", "POST", "/articles/two/submit", "ada", "author", "", 409, "you already have 1 articles in review, the limit is 1"},
	})
}
