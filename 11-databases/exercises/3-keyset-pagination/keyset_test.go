package keyset

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

var base = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// setup seeds n articles; three at a time share one created_at, so only the
// id tiebreak orders them. It returns the pool and the ids in feed order.
func setup(t *testing.T, n int) (*pgxpool.Pool, []int64) {
	t.Helper()
	url := testinfra.Postgres(t)
	ctx := context.Background()
	if err := schema.ApplyMigrations(ctx, url); err != nil {
		t.Fatalf("ApplyMigrations: %v", err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatalf("pgxpool.New: %v", err)
	}
	t.Cleanup(pool.Close)
	if _, err := pool.Exec(ctx, `INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com')`); err != nil {
		t.Fatalf("seed user: %v", err)
	}
	for i := range n {
		insertArticle(t, pool, fmt.Sprintf("a-%d", i), base.Add(time.Duration(i/3)*time.Second+123456*time.Microsecond))
	}
	return pool, feedOrder(t, pool)
}

func insertArticle(t *testing.T, pool *pgxpool.Pool, slug string, at time.Time) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `
		INSERT INTO articles (author_id, slug, title, created_at)
		SELECT id, $1, $1, $2 FROM users WHERE username = 'ada'`, slug, at)
	if err != nil {
		t.Fatalf("insert article %s: %v", slug, err)
	}
}

func feedOrder(t *testing.T, pool *pgxpool.Pool) []int64 {
	t.Helper()
	rows, _ := pool.Query(context.Background(), `SELECT id FROM articles ORDER BY created_at DESC, id DESC`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatalf("feed order: %v", err)
	}
	return ids
}

func idsOf(items []Article) []int64 {
	out := make([]int64, len(items))
	for i, a := range items {
		out[i] = a.ID
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPageWalksTheWholeFeedInOrder(t *testing.T) {
	pool, want := setup(t, 25)
	ctx := context.Background()

	var got []int64
	var sizes []int
	cur := Cursor{}
	for page := 0; page < 10; page++ {
		items, next, err := Page(ctx, pool, cur, 10)
		if err != nil {
			t.Fatalf("Page(%+v, 10) error: %v", cur, err)
		}
		got = append(got, idsOf(items)...)
		sizes = append(sizes, len(items))
		if next.IsZero() {
			break
		}
		cur = next
	}
	if !equal(got, want) {
		t.Errorf("walking the feed by 10 gave ids %v, want %v", got, want)
	}
	if fmt.Sprint(sizes) != "[10 10 5]" {
		t.Errorf("page sizes = %v, want [10 10 5] with a zero next cursor after the last", sizes)
	}
}

func TestPageLastPageExactlyFull(t *testing.T) {
	pool, want := setup(t, 6)
	items, next, err := Page(context.Background(), pool, Cursor{}, 6)
	if err != nil {
		t.Fatalf("Page(zero, 6) error: %v", err)
	}
	if !equal(idsOf(items), want) || !next.IsZero() {
		t.Errorf("Page(zero, 6) over 6 rows = %v, next %+v; want all 6 and a zero next cursor", idsOf(items), next)
	}
}

func TestPageIsStableUnderInserts(t *testing.T) {
	pool, want := setup(t, 15)
	ctx := context.Background()

	first, next, err := Page(ctx, pool, Cursor{}, 5)
	if err != nil {
		t.Fatalf("Page(zero, 5) error: %v", err)
	}
	if !equal(idsOf(first), want[:5]) {
		t.Fatalf("first page = %v, want %v", idsOf(first), want[:5])
	}
	// New articles arrive at the top of the feed while the reader is on page 1.
	for i := range 3 {
		insertArticle(t, pool, fmt.Sprintf("late-%d", i), base.Add(time.Hour))
	}
	second, _, err := Page(ctx, pool, next, 5)
	if err != nil {
		t.Fatalf("Page(next, 5) error: %v", err)
	}
	if !equal(idsOf(second), want[5:10]) {
		t.Errorf("second page after 3 inserts = %v, want %v (no repeats, no gaps)", idsOf(second), want[5:10])
	}

	// For contrast, what OFFSET 5 returns now: the last 3 rows of page 1 again.
	rows, _ := pool.Query(ctx, `SELECT id FROM articles ORDER BY created_at DESC, id DESC LIMIT 5 OFFSET 5`)
	offset, _ := pgx.CollectRows(rows, pgx.RowTo[int64])
	t.Logf("keyset page 2: %v; OFFSET page 2: %v (repeats %v)", idsOf(second), offset, want[2:5])
}

func TestPageRejectsBadLimits(t *testing.T) {
	pool, _ := setup(t, 1)
	for _, limit := range []int{0, -1, MaxLimit + 1} {
		_, _, err := Page(context.Background(), pool, Cursor{}, limit)
		if !errors.Is(err, ErrBadLimit) {
			t.Errorf("Page(zero, %d) error = %v, want ErrBadLimit", limit, err)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	tests := []Cursor{
		{CreatedAt: base.Add(123456 * time.Microsecond), ID: 42},
		{CreatedAt: time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC), ID: 1},
	}
	for _, c := range tests {
		token := EncodeCursor(c)
		if token == "" {
			t.Errorf("EncodeCursor(%+v) = \"\", want a token", c)
			continue
		}
		got, err := DecodeCursor(token)
		if err != nil || !got.CreatedAt.Equal(c.CreatedAt) || got.ID != c.ID {
			t.Errorf("DecodeCursor(EncodeCursor(%+v)) = %+v, %v; want the same cursor", c, got, err)
		}
	}
	if got, err := DecodeCursor(""); err != nil || !got.IsZero() {
		t.Errorf(`DecodeCursor("") = %+v, %v; want the zero Cursor and nil`, got, err)
	}
}

func TestDecodeCursorRejectsGarbage(t *testing.T) {
	for _, token := range []string{"!!!", "bm90LWEtY3Vyc29y", "MjAyNi0wMS0wMVQxMjowMDowMFp8LTE", "MjAyNi0wMS0wMVQxMjowMDowMFp8eA"} {
		if _, err := DecodeCursor(token); !errors.Is(err, ErrBadCursor) {
			t.Errorf("DecodeCursor(%q) error = %v, want ErrBadCursor", token, err)
		}
	}
}
