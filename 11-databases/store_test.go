package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

// newTestServer returns the chapter's routes over a fresh, migrated and
// seeded database from testinfra (the test skips when there is none).
func newTestServer(t *testing.T) (http.Handler, *pgxpool.Pool) {
	t.Helper()
	url := testinfra.Postgres(t)
	ctx := context.Background()
	if err := schema.ApplyMigrations(ctx, url); err != nil {
		t.Fatalf("ApplyMigrations: %v", err)
	}
	pool, err := newPool(ctx, url, poolSettings{MaxConns: 8, MinConns: 1})
	if err != nil {
		t.Fatalf("newPool: %v", err)
	}
	t.Cleanup(pool.Close)
	if _, err := seed(ctx, pool); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return watchErrors(t, routes(newPGStore(pool), discardLogger())), pool
}

func do(t *testing.T, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	return serveOne(h, method, target, body)
}

func TestServerAgainstPostgres(t *testing.T) {
	h, _ := newTestServer(t)
	tests := []struct {
		name, method, target, body string
		wantStatus                 int
		wantInBody                 string
	}{
		{"create user", "POST", "/users", `{"username":"margaret","email":"margaret@example.com"}`, 201, `"username": "margaret"`},
		{"duplicate username is 409", "POST", "/users", `{"username":"ada","email":"new@example.com"}`, 409, "already exists"},
		{"duplicate email in other case is 409", "POST", "/users", `{"username":"ada2","email":"ADA@example.com"}`, 409, "already exists"},
		{"create article with tags", "POST", "/articles", `{"author":"ada","title":"Indexes 101","body":"b","tags":["sql","new-tag","sql"]}`, 201, `"slug": "indexes-101"`},
		{"same title is 409", "POST", "/articles", `{"author":"grace","title":"Indexes: 101!"}`, 409, `slug \"indexes-101\"`},
		{"accents are spelt out in the slug", "POST", "/articles", `{"author":"ada","title":"Crème Brûlée, straße"}`, 201, `"slug": "creme-brulee-strasse"`},
		{"unknown author is 422", "POST", "/articles", `{"author":"nobody","title":"Ghost"}`, 422, `"pointer": "/author",
      "detail": "unknown author \"nobody\": create the user first"`},
		{"get article", "GET", "/articles/indexes-101", "", 200, `"new-tag"`},
		{"get missing article is 404", "GET", "/articles/nope", "", 404, `article \"nope\" not found`},
		{"comment", "POST", "/articles/indexes-101/comments", `{"author":"grace","body":"Nice"}`, 201, `"author": "grace"`},
		{"comment on missing article is 404", "POST", "/articles/nope/comments", `{"author":"grace","body":"Nice"}`, 404, "not found"},
		{"comment by unknown user is 422", "POST", "/articles/indexes-101/comments", `{"author":"nobody","body":"Nice"}`, 422, "unknown author"},
		{"feed by tag", "GET", "/articles?tag=new-tag", "", 200, `"indexes-101"`},
		{"feed uses the keyset index", "GET", "/explain/feed", "", 200, "Index Scan using articles_created_at_id_idx on articles"},
		{"comments by author scan the table", "GET", "/explain/comments-by-author", "", 200, "Seq Scan on comments"},
		{"offset reads what it skips", "GET", "/explain/feed-offset?analyze=true", "", 200, "(actual rows 4021)"},
		{"pool stats", "GET", "/pool", "", 200, `"max_conns": 8`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.target, tc.body)
			if rec.Code != tc.wantStatus || !strings.Contains(rec.Body.String(), tc.wantInBody) {
				t.Errorf("%s %s = %d %s\nwant %d containing %q", tc.method, tc.target, rec.Code, rec.Body, tc.wantStatus, tc.wantInBody)
			}
		})
	}
}

func TestFeedPagesCoverEveryArticleOnce(t *testing.T) {
	h, pool := newTestServer(t)
	var total int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM articles`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	target := "/articles?limit=100"
	for pages := 0; target != ""; pages++ {
		if pages > 100 {
			t.Fatalf("more than 100 pages for %d articles", total)
		}
		rec := do(t, h, "GET", target, "")
		var page struct {
			Articles []struct {
				Slug string   `json:"slug"`
				Tags []string `json:"tags"`
			} `json:"articles"`
			NextCursor string `json:"next_cursor"`
		}
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
			t.Fatalf("GET %s = %d %s", target, rec.Code, rec.Body)
		}
		for _, a := range page.Articles {
			if seen[a.Slug] {
				t.Fatalf("article %s appeared on two pages", a.Slug)
			}
			if len(a.Tags) == 0 {
				t.Errorf("article %s came without its tags", a.Slug)
			}
			seen[a.Slug] = true
		}
		target = ""
		if page.NextCursor != "" {
			target = "/articles?limit=100&cursor=" + page.NextCursor
		}
	}
	if len(seen) != total {
		t.Errorf("paging saw %d articles, want all %d", len(seen), total)
	}
}

// TestConcurrentWritesAllCommit creates articles from many goroutines that
// all add the same new tags; SERIALIZABLE conflicts are retried, so every
// request succeeds.
func TestConcurrentWritesAllCommit(t *testing.T) {
	h, pool := newTestServer(t)
	const n = 16
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"author":"ada","title":"Concurrent %d","tags":["hot","contended"]}`, i)
			codes[i] = do(t, h, "POST", "/articles", body).Code
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusCreated {
			t.Errorf("concurrent POST %d = %d, want 201", i, c)
		}
	}
	var links int
	err := pool.QueryRow(context.Background(), `
		SELECT count(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name IN ('hot', 'contended')`).Scan(&links)
	if err != nil || links != 2*n {
		t.Errorf("article_tags rows for the new tags = %d (%v), want %d", links, err, 2*n)
	}
	t.Logf("pool after the burst: %+v", newPGStore(pool).Stats())
}

// TestMigrationsGoUpAndDown applies the schema, reverts it, and applies it
// again: a down migration that forgets something breaks the second up.
func TestMigrationsGoUpAndDown(t *testing.T) {
	url := testinfra.Postgres(t)
	ctx := context.Background()
	tables := func() int {
		t.Helper()
		pool, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer pool.Close()
		var n int
		err = pool.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for round := 1; round <= 2; round++ {
		if err := schema.ApplyMigrations(ctx, url); err != nil {
			t.Fatalf("round %d: ApplyMigrations: %v", round, err)
		}
		if v, dirty, err := schema.Version(ctx, url); err != nil || v != 2 || dirty {
			t.Errorf("round %d: Version = %d, dirty %t, %v; want 2, clean", round, v, dirty, err)
		}
		if n := tables(); n != 6 {
			t.Errorf("round %d: %d tables after up, want 6", round, n)
		}
		if err := schema.RevertMigrations(ctx, url); err != nil {
			t.Fatalf("round %d: RevertMigrations: %v", round, err)
		}
		if n := tables(); n != 0 {
			t.Errorf("round %d: %d tables after down, want 0", round, n)
		}
	}
}
