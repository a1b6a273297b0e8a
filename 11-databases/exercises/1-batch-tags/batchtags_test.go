package batchtags

import (
	"context"
	"errors"
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

// failingRows is a pgx.Rows that yields two good rows and then fails: its
// Scan fails on row scanFailAt (0: never) and Err reports errAtEnd.
type failingRows struct {
	pgx.Rows   // nil: only the methods below are meant to be called
	row        int
	scanFailAt int
	errAtEnd   error
}

func (r *failingRows) Close()     {}
func (r *failingRows) Err() error { return r.errAtEnd }
func (r *failingRows) Next() bool {
	r.row++
	return r.row <= 2
}
func (r *failingRows) Scan(dest ...any) error {
	if r.row == r.scanFailAt {
		return errScan
	}
	if len(dest) != 2 {
		return fmt.Errorf("Scan into %d destinations, this fake has 2 columns (article_id, name)", len(dest))
	}
	id, ok1 := dest[0].(*int64)
	name, ok2 := dest[1].(*string)
	if !ok1 || !ok2 {
		return fmt.Errorf("Scan(%T, %T), this fake scans into (*int64, *string)", dest[0], dest[1])
	}
	*id, *name = 1, fmt.Sprintf("tag-%d", r.row)
	return nil
}

// fakeDB answers every Query with rows, or with err.
type fakeDB struct {
	rows pgx.Rows
	err  error
}

func (db fakeDB) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return db.rows, db.err
}

var (
	errQuery = errors.New("connection refused")
	errScan  = errors.New("cannot scan")
	errRows  = errors.New("connection reset mid-result")
)

// TestTagsForArticlesReturnsDatabaseErrors: a failure anywhere — the query,
// a row, or the end of the result — is returned (wrapped), never a partial map.
func TestTagsForArticlesReturnsDatabaseErrors(t *testing.T) {
	tests := []struct {
		name string
		db   Querier
		want error
	}{
		{"the query fails", fakeDB{err: errQuery}, errQuery},
		{"a row does not scan", fakeDB{rows: &failingRows{scanFailAt: 2}}, errScan},
		{"the result breaks off after its rows", fakeDB{rows: &failingRows{errAtEnd: errRows}}, errRows},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := TagsForArticles(context.Background(), tc.db, []int64{1, 2})
			if !errors.Is(err, tc.want) || got != nil {
				t.Errorf("TagsForArticles when %s = %v, %v; want a nil map and an error wrapping %q", tc.name, got, err, tc.want)
			}
		})
	}
	got, err := TagsForArticles(context.Background(), fakeDB{rows: &failingRows{}}, []int64{1})
	if err != nil || !reflect.DeepEqual(got, map[int64][]string{1: {"tag-1", "tag-2"}}) {
		t.Errorf("TagsForArticles over two good rows of article 1 = %v, %v; want map[1:[tag-1 tag-2]] (the fake's own check)", got, err)
	}
}
