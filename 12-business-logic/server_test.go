package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/12-business-logic/memory"
	"workbook/12-business-logic/postgres"
	"workbook/12-business-logic/publishing"
	"workbook/testinfra"
)

// newTestServer wires the server as main does, except that the relay
// flushes synchronously after each commit so tests need not wait.
func newTestServer(t *testing.T, uow publishing.UnitOfWork) http.Handler {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	notes := newNotifier(logger)
	relay := publishing.NewRelay(uow, notes.Deliver, maxDeliveries, logger)
	svc := publishing.NewService(uow, publishing.WithAfterCommit(relay.FlushAfterCommit))
	return newServer(svc, notes, logger).Handler
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
	{"reject needs a reason", "POST", "/articles/why-postgresql/reject", "grace", "editor", `{"reason":""}`, 400, "needs a reason"},
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

// TestBadInput shows every malformed request gets a 4xx saying why.
func TestBadInput(t *testing.T) {
	h := newTestServer(t, memory.New())
	runSteps(t, h, []step{
		{"setup", "POST", "/articles", "ada", "author", `{"title":"Exists","body":"","notify":"ada@example.com"}`, 201, ""},
		{"no identity", "POST", "/articles", "", "", `{}`, 401, "send X-User"},
		{"bad role", "POST", "/articles", "ada", "admin", `{}`, 400, `role \"admin\" must be author or editor`},
		{"bad user name", "POST", "/articles", "Ada!", "author", `{}`, 400, `user \"Ada!\" must be`},
		{"empty body", "POST", "/articles", "ada", "author", ``, 400, "body is empty"},
		{"broken JSON", "POST", "/articles", "ada", "author", `{"title":`, 400, "not a valid JSON object"},
		{"unknown field", "POST", "/articles", "ada", "author", `{"title":"T","status":"published"}`, 400, `unknown field \"status\"`},
		{"wrong type", "POST", "/articles", "ada", "author", `{"title":42}`, 400, `field \"title\" must be a string`},
		{"trailing data", "POST", "/articles", "ada", "author", `{"title":"T"} []`, 400, "data after the JSON object"},
		{"missing title", "POST", "/articles", "ada", "author", `{"title":" ","notify":"ada@example.com"}`, 400, "title is required"},
		{"bad email", "POST", "/articles", "ada", "author", `{"title":"T","notify":"ada-at-example"}`, 400, `email \"ada-at-example\" is not an address`},
		{"editors do not draft", "POST", "/articles", "grace", "editor", `{"title":"T","notify":"g@example.com"}`, 403, "only authors write articles"},
		{"too large", "POST", "/articles", "ada", "author", `{"title":"` + strings.Repeat("x", 70000) + `"}`, 400, "larger than"},
		{"unknown status filter", "GET", "/articles?status=deleted", "", "", "", 400, `status \"deleted\" must be`},
		{"unknown article", "GET", "/articles/nope", "", "", "", 404, `article \"nope\" not found`},
		{"malformed slug", "GET", "/articles/NOT_A_SLUG", "", "", "", 404, "not found"},
		{"unknown action", "POST", "/articles/exists/publish", "grace", "editor", "", 404, "unknown action publish"},
		{"submit too short", "POST", "/articles/exists/submit", "ada", "author", "", 400, "write at least 5"},
	})
}

func TestParseConfig(t *testing.T) {
	cfg, err := parseConfig(nil, func(k string) string { return map[string]string{"DATABASE_URL": "postgres://x"}[k] })
	if err != nil || cfg.addr != "127.0.0.1:8012" || cfg.databaseURL != "postgres://x" {
		t.Errorf("parseConfig = %+v, %v; want the default address and the env URL", cfg, err)
	}
	if _, err := parseConfig([]string{"-log-format", "xml"}, func(string) string { return "" }); err == nil {
		t.Errorf("parseConfig(-log-format xml) = nil error, want one")
	}
}
