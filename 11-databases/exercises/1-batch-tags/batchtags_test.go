package batchtags

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

// queryCounter is a pgx.QueryTracer: pgx calls TraceQueryStart before every
// Query, QueryRow and Exec on the pool, so counting those calls counts round trips.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// setup returns a pool on a fresh, migrated database with `articles`
// articles; article i carries i%5 tags.
func setup(t *testing.T, articles int) (*pgxpool.Pool, *queryCounter, []int64) {
	t.Helper()
	url := testinfra.Postgres(t)
	ctx := context.Background()
	if err := schema.ApplyMigrations(ctx, url); err != nil {
		t.Fatalf("ApplyMigrations: %v", err)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatalf("ParseConfig: %v", err)
	}
	counter := &queryCounter{}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("NewWithConfig: %v", err)
	}
	t.Cleanup(pool.Close)

	mustExec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("seed %q: %v", sql, err)
		}
	}
	mustExec(`INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com')`)
	mustExec(`INSERT INTO tags (name) VALUES ('go'), ('sql'), ('http'), ('zeta'), ('alpha')`)
	var ids []int64
	for i := range articles {
		var id int64
		err := pool.QueryRow(ctx, `
			INSERT INTO articles (author_id, slug, title)
			SELECT id, $1, $2 FROM users WHERE username = 'ada'
			RETURNING id`, fmt.Sprintf("article-%d", i), fmt.Sprintf("Article %d", i)).Scan(&id)
		if err != nil {
			t.Fatalf("seed article %d: %v", i, err)
		}
		// Tags inserted in reverse-alphabetical order so that only an
		// ORDER BY (or a sort) yields sorted slices.
		mustExec(`
			INSERT INTO article_tags (article_id, tag_id)
			SELECT $1, id FROM (SELECT id FROM tags ORDER BY name DESC LIMIT $2) t`, id, i%5)
		ids = append(ids, id)
	}
	counter.n.Store(0)
	return pool, counter, ids
}

func TestTagsForArticlesUsesOneQuery(t *testing.T) {
	pool, counter, ids := setup(t, 50)
	ctx := context.Background()

	want, err := TagsForArticlesNaive(ctx, pool, ids)
	if err != nil {
		t.Fatalf("TagsForArticlesNaive: %v", err)
	}
	naive := counter.n.Swap(0)

	got, err := TagsForArticles(ctx, pool, ids)
	if err != nil {
		t.Fatalf("TagsForArticles(%d ids) error: %v", len(ids), err)
	}
	if q := counter.n.Load(); q != 1 {
		t.Errorf("TagsForArticles(%d ids) ran %d queries, want exactly 1 (the naive loop ran %d)", len(ids), q, naive)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TagsForArticles(%d ids) = %v,\nwant %v", len(ids), got, want)
	}
	t.Logf("naive: %d queries; batched: %d", naive, counter.n.Load())
}

func TestTagsForArticlesCases(t *testing.T) {
	pool, counter, ids := setup(t, 6) // article i has i%5 tags: 0,1,2,3,4,0
	ctx := context.Background()

	tests := []struct {
		name    string
		ids     []int64
		want    map[int64][]string
		queries int64
	}{
		{
			name:    "tags come back sorted by name",
			ids:     []int64{ids[4]},
			want:    map[int64][]string{ids[4]: {"go", "http", "sql", "zeta"}},
			queries: 1,
		},
		{
			name:    "articles without tags are left out",
			ids:     []int64{ids[0], ids[1], ids[5]},
			want:    map[int64][]string{ids[1]: {"zeta"}},
			queries: 1,
		},
		{
			name:    "unknown and repeated ids are harmless",
			ids:     []int64{ids[2], ids[2], 999_999},
			want:    map[int64][]string{ids[2]: {"sql", "zeta"}},
			queries: 1,
		},
		{
			name:    "no ids costs no query and returns an empty map",
			ids:     nil,
			want:    map[int64][]string{},
			queries: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			counter.n.Store(0)
			got, err := TagsForArticles(ctx, pool, tc.ids)
			if err != nil {
				t.Fatalf("TagsForArticles(%v) error: %v", tc.ids, err)
			}
			if got == nil {
				t.Fatalf("TagsForArticles(%v) = nil map, want a non-nil map", tc.ids)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("TagsForArticles(%v) = %v, want %v", tc.ids, got, tc.want)
			}
			if q := counter.n.Load(); q != tc.queries {
				t.Errorf("TagsForArticles(%v) ran %d queries, want %d", tc.ids, q, tc.queries)
			}
		})
	}
}
