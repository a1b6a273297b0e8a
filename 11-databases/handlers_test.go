package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeStore is a Store whose methods are function fields; a nil field fails
// the test, which proves bad input is refused before reaching the database.
type fakeStore struct {
	t *testing.T
}

var _ Store = fakeStore{}

func (f fakeStore) unexpected(what string) {
	f.t.Helper()
	f.t.Errorf("the store was called (%s) for a request that should have been refused first", what)
}

func (f fakeStore) CreateUser(ctx context.Context, username, email string) (User, error) {
	if err := validateUser(username, email); err != nil {
		return User{}, err
	}
	f.unexpected("CreateUser")
	return User{}, nil
}

func (f fakeStore) CreateArticle(ctx context.Context, a NewArticle) (Article, error) {
	if err := validateArticle(a); err != nil {
		return Article{}, err
	}
	f.unexpected("CreateArticle")
	return Article{}, nil
}

func (f fakeStore) ListArticles(context.Context, ListQuery) ([]Article, Cursor, error) {
	f.unexpected("ListArticles")
	return nil, Cursor{}, nil
}

func (f fakeStore) GetArticle(context.Context, string) (Article, []Comment, error) {
	f.unexpected("GetArticle")
	return Article{}, nil, nil
}

func (f fakeStore) AddComment(ctx context.Context, slug, author, body string) (Comment, error) {
	if err := validateComment(body); err != nil {
		return Comment{}, err
	}
	f.unexpected("AddComment")
	return Comment{}, nil
}

func (f fakeStore) Explain(context.Context, string, bool) (json.RawMessage, error) {
	f.unexpected("Explain")
	return nil, nil
}

func (f fakeStore) Stats() PoolStats { return PoolStats{} }

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestBadInputIsRefusedWithA4xx needs no database: every request here is
// refused before the store would run SQL, with a body saying why.
func TestBadInputIsRefusedWithA4xx(t *testing.T) {
	tests := []struct {
		name, method, target, body string
		wantStatus                 int
		wantInBody                 string
	}{
		{"limit not a number", "GET", "/articles?limit=ten", "", 400, `limit \"ten\" must be a whole number from 1 to 100`},
		{"limit too large", "GET", "/articles?limit=1000", "", 400, "from 1 to 100"},
		{"limit zero", "GET", "/articles?limit=0", "", 400, "from 1 to 100"},
		{"cursor forged", "GET", "/articles?cursor=bm90LWEtY3Vyc29y", "", 400, "is not one this server made"},
		{"cursor not base64", "GET", "/articles?cursor=%25%25", "", 400, "is not one this server made"},
		{"tag with spaces", "GET", "/articles?tag=a%20b", "", 400, `tag \"a b\" must be`},
		{"explain unknown query", "GET", "/explain/drop-table", "", 404, `query \"drop-table\" not found; try one of`},
		{"explain bad analyze", "GET", "/explain/feed?analyze=maybe", "", 400, `analyze \"maybe\" must be true or false`},
		{"user empty body", "POST", "/users", "", 400, "body is empty"},
		{"user broken JSON", "POST", "/users", `{"username":`, 400, "not valid JSON"},
		{"user unknown field", "POST", "/users", `{"username":"ada","email":"a@b.c","admin":true}`, 400, `unknown field \"admin\"`},
		{"user wrong type", "POST", "/users", `{"username":7}`, 400, `field \"username\" must be a string`},
		{"user trailing data", "POST", "/users", `{"username":"ada","email":"ada@example.com"} {}`, 400, "data after the JSON object"},
		{"user bad username", "POST", "/users", `{"username":"Ada Lovelace","email":"ada@example.com"}`, 400, "must be 1-32 characters of a-z"},
		{"user bad email", "POST", "/users", `{"username":"ada","email":"ada at example"}`, 400, "is not a plain address"},
		{"article no title", "POST", "/articles", `{"author":"ada","title":"  "}`, 400, "title is required"},
		{"article symbols-only title", "POST", "/articles", `{"author":"ada","title":"!!!"}`, 400, "no letters or digits"},
		{"article bad tag", "POST", "/articles", `{"author":"ada","title":"Hi","tags":["Go Lang"]}`, 400, `tag \"Go Lang\" must be`},
		{"article too many tags", "POST", "/articles", `{"author":"ada","title":"Hi","tags":["a","b","c","d","e","f","g","h","i","j","k"]}`, 400, "11 tags, the limit is 10"},
		{"comment empty", "POST", "/articles/x/comments", `{"author":"ada","body":""}`, 400, "comment body is required"},
		{"body too large", "POST", "/users", `{"username":"` + strings.Repeat("a", maxBodyBytes) + `"}`, 400, "larger than"},
	}
	srv := routes(fakeStore{t: t}, discardLogger())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Errorf("%s %s = %d, want %d; body %s", tc.method, tc.target, rec.Code, tc.wantStatus, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tc.wantInBody) {
				t.Errorf("%s %s body = %s, want it to contain %q", tc.method, tc.target, rec.Body, tc.wantInBody)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("%s %s Content-Type = %q, want application/json", tc.method, tc.target, ct)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Hello, World!":          "hello-world",
		"  Why   PostgreSQL?  ":  "why-postgresql",
		"Go 1.25 release notes":  "go-1-25-release-notes",
		"Ünïcode gets dropped":   "n-code-gets-dropped",
		"!!!":                    "",
		strings.Repeat("a", 300): strings.Repeat("a", 100),
	}
	for in, want := range tests {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{ID: 42}
	c.CreatedAt = c.CreatedAt.Add(1)
	got, err := decodeCursor(encodeCursor(c))
	if err != nil || got.ID != 42 || !got.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("decodeCursor(encodeCursor(%+v)) = %+v, %v; want the same cursor", c, got, err)
	}
	if encodeCursor(Cursor{}) != "" {
		t.Errorf("encodeCursor(zero) = %q, want empty", encodeCursor(Cursor{}))
	}
}

func TestSummarizePlan(t *testing.T) {
	raw := json.RawMessage(`[{"Plan": {"Node Type": "Limit", "Plans": [
		{"Node Type": "Index Scan", "Index Name": "articles_created_at_id_idx", "Relation Name": "articles", "Actual Rows": 21}]}}]`)
	got, err := summarizePlan(raw)
	want := []string{"Limit", "  Index Scan using articles_created_at_id_idx on articles (actual rows 21)"}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("summarizePlan = %q, %v; want %q", got, err, want)
	}
}

func TestParseConfig(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://x@db/y", "POOL_MAX_CONNS": "4"}
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:9999"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("parseConfig: %v", err)
	}
	if cfg.addr != "127.0.0.1:9999" || cfg.databaseURL != "postgres://x@db/y" || cfg.maxConns != 4 || cfg.minConns != 2 || cfg.migrate != "up" {
		t.Errorf("parseConfig = %+v, want flag addr, env URL, 4 max conns, 2 min conns, migrate up", cfg)
	}
	bad := [][]string{
		{"-migrate", "sideways"},
		{"-pool-max-conns", "0"},
		{"-pool-min-conns", "20", "-pool-max-conns", "10"},
		{"-log-format", "xml"},
	}
	for _, args := range bad {
		if _, err := parseConfig(args, func(string) string { return "" }); err == nil {
			t.Errorf("parseConfig(%q) = nil error, want one", args)
		}
	}
}

// TestUnreachableDatabaseExplainsWhatToDo checks the message `go run
// ./11-databases` prints when nothing listens: no stack trace, instructions.
func TestUnreachableDatabaseExplainsWhatToDo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*1e9)
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
	rec := httptest.NewRecorder()
	routes(fakeStore{t: t}, discardLogger()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "GET /explain") {
		t.Errorf("GET / = %d %s, want 200 listing the endpoints", rec.Code, rec.Body)
	}
}
