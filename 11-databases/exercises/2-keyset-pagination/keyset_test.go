package keyset

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

var base = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// setup seeds n articles; three at a time share one created_at, so only the
// id tiebreak orders them. The timestamps are handed out in a scrambled
// order, so that ids neither grow nor shrink with created_at (a query that
// seeks on id alone, or on created_at alone, returns the wrong rows), and the
// articles that share a timestamp do not have neighbouring ids. It returns the
// pool and the ids in feed order.
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
		insertArticle(t, pool, fmt.Sprintf("a-%d", i), seedTime(i, n))
	}
	return pool, feedOrder(t, pool)
}

// seedTime is the created_at of the i-th of n seeded articles: slot
// (7*i+3) mod n is a permutation of 0..n-1 for the n used here (7 does not
// divide them), and three consecutive slots share a second.
func seedTime(i, n int) time.Time {
	slot := (7*i + 3) % n
	return base.Add(time.Duration(slot/3)*time.Second + 123456*time.Microsecond)
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

// walk pages through the whole feed, limit at a time, following the next
// cursors (through an encode/decode round trip, as a client would), and
// returns the ids in the order seen and the size of each page.
func walk(t *testing.T, pool *pgxpool.Pool, limit int) (ids []int64, sizes []int) {
	t.Helper()
	ctx := context.Background()
	cur := Cursor{}
	for page := 0; page < 100; page++ {
		items, next, err := Page(ctx, pool, cur, limit)
		if err != nil {
			t.Fatalf("Page(%+v, %d) error: %v", cur, limit, err)
		}
		ids = append(ids, idsOf(items)...)
		sizes = append(sizes, len(items))
		if next.IsZero() {
			return ids, sizes
		}
		if last := items[len(items)-1]; next.ID != last.ID || !next.CreatedAt.Equal(last.CreatedAt) {
			t.Fatalf("Page(%+v, %d) next cursor = %+v, want the last row's key (%s, %d)", cur, limit, next, last.CreatedAt, last.ID)
		}
		if cur, err = DecodeCursor(EncodeCursor(next)); err != nil {
			t.Fatalf("DecodeCursor(EncodeCursor(%+v)) error: %v", next, err)
		}
	}
	t.Fatalf("walking the feed by %d did not end after 100 pages", limit)
	return nil, nil
}

func TestPageWalksTheWholeFeedInOrder(t *testing.T) {
	pool, want := setup(t, 25)
	// The seed is scrambled: the feed order is not the id order either way.
	if ascending, descending := slices.IsSorted(want), slices.IsSortedFunc(want, func(a, b int64) int { return int(b - a) }); ascending || descending {
		t.Fatalf("test set-up: feed order %v follows the ids; the seed must scramble created_at", want)
	}
	tests := []struct {
		limit     int
		wantSizes string
	}{
		{10, "[10 10 5]"},
		{1, fmt.Sprint(slices.Repeat([]int{1}, 25))},
		{3, "[3 3 3 3 3 3 3 3 1]"},
		{4, "[4 4 4 4 4 4 1]"},
		{24, "[24 1]"},
		{25, "[25]"},
		{MaxLimit, "[25]"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("by %d", tc.limit), func(t *testing.T) {
			got, sizes := walk(t, pool, tc.limit)
			if !equal(got, want) {
				t.Errorf("walking the feed by %d gave ids %v, want %v", tc.limit, got, want)
			}
			if fmt.Sprint(sizes) != tc.wantSizes {
				t.Errorf("walking by %d: page sizes = %v, want %s with a zero next cursor after the last", tc.limit, sizes, tc.wantSizes)
			}
		})
	}
}

// TestPageAfterEveryRow: the page after any row's key is exactly the rows
// that follow it in feed order — including rows that share its created_at
// but have a smaller id, and none that share it with a larger id.
func TestPageAfterEveryRow(t *testing.T) {
	pool, want := setup(t, 12)
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT id, title, created_at FROM articles ORDER BY created_at DESC, id DESC`)
	if err != nil {
		t.Fatalf("read feed: %v", err)
	}
	feed, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Article])
	if err != nil {
		t.Fatalf("read feed: %v", err)
	}
	for i, a := range feed {
		cur := Cursor{CreatedAt: a.CreatedAt, ID: a.ID}
		items, next, err := Page(ctx, pool, cur, MaxLimit)
		if err != nil {
			t.Fatalf("Page(after row %d, %d) error: %v", i, MaxLimit, err)
		}
		if !equal(idsOf(items), want[i+1:]) || !next.IsZero() {
			t.Errorf("Page(after %+v, %d) = %v, next %+v; want %v and a zero next cursor", cur, MaxLimit, idsOf(items), next, want[i+1:])
		}
		for j, it := range items {
			if w := feed[i+1+j]; j < len(feed)-i-1 && (it.Title != w.Title || !it.CreatedAt.Equal(w.CreatedAt)) {
				t.Errorf("Page(after %+v): item %d = %+v, want %+v", cur, j, it, w)
				break
			}
		}
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
	for _, limit := range []int{0, -1, MaxLimit + 1, 1 << 40} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			items, _, err := Page(context.Background(), pool, Cursor{}, limit)
			if !errors.Is(err, ErrBadLimit) || items != nil {
				t.Errorf("Page(zero, %d) = %v, %v; want no items and ErrBadLimit", limit, items, err)
			}
		})
	}
	for _, limit := range []int{1, MaxLimit} {
		if items, _, err := Page(context.Background(), pool, Cursor{}, limit); err != nil || len(items) != 1 {
			t.Errorf("Page(zero, %d) over 1 row = %v, %v; want the row and nil (1..MaxLimit are valid)", limit, items, err)
		}
	}
}

// TestPageReturnsQueryErrors: a database failure is an error, not an empty page.
func TestPageReturnsQueryErrors(t *testing.T) {
	pool, want := setup(t, 3)
	if items, _, err := Page(context.Background(), pool, Cursor{}, 10); err != nil || !equal(idsOf(items), want) {
		t.Fatalf("Page(zero, 10) over 3 rows = %v, %v; want %v", idsOf(items), err, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, cur := range []Cursor{{}, {CreatedAt: base.Add(time.Hour), ID: 1 << 40}} {
		items, next, err := Page(ctx, pool, cur, 10)
		if err == nil || items != nil || !next.IsZero() {
			t.Errorf("Page(cancelled ctx, %+v, 10) = %v, %+v, %v; want no items, a zero cursor and an error", cur, items, next, err)
		}
	}
}

// brokenRows is a result that fails after its last row (a connection lost
// mid-result): Next says there are no more rows, Err says why.
type brokenRows struct {
	pgx.Rows // nil: only the methods below are meant to be called
}

var errMidResult = errors.New("connection reset mid-result")

func (brokenRows) Next() bool { return false }
func (brokenRows) Err() error { return errMidResult }
func (brokenRows) Close()     {}

type brokenDB struct{}

func (brokenDB) Query(context.Context, string, ...any) (pgx.Rows, error) { return brokenRows{}, nil }

// refusingDB cannot run a query at all.
type refusingDB struct{}

var errRefused = errors.New("connection refused")

func (refusingDB) Query(context.Context, string, ...any) (pgx.Rows, error) { return nil, errRefused }

func TestPageReturnsRowErrors(t *testing.T) {
	for _, db := range []struct {
		name string
		db   Querier
		want error
	}{{"a result that breaks off", brokenDB{}, errMidResult}, {"a query that fails", refusingDB{}, errRefused}} {
		for _, cur := range []Cursor{{}, {CreatedAt: base, ID: 7}} {
			items, next, err := Page(context.Background(), db.db, cur, 10)
			if !errors.Is(err, db.want) || items != nil || !next.IsZero() {
				t.Errorf("Page(%+v, 10) over %s = %v, %+v, %v; want no items, a zero cursor and an error wrapping %q", cur, db.name, items, next, err, db.want)
			}
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	tests := []Cursor{
		{CreatedAt: base.Add(123456 * time.Microsecond), ID: 42},
		{CreatedAt: time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC), ID: 1},
		{CreatedAt: base, ID: 1<<63 - 1}, // the largest bigserial
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
	if got := EncodeCursor(Cursor{}); got != "" {
		t.Errorf(`EncodeCursor(zero Cursor) = %q, want ""`, got)
	}
	c := Cursor{CreatedAt: base, ID: 7}
	if token := EncodeCursor(c); strings.ContainsAny(token, "+/=%?&# ") {
		t.Errorf("EncodeCursor(%+v) = %q, want a URL-safe token (no + / = or other characters to escape)", c, token)
	}
}

func TestDecodeCursorRejectsGarbage(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	for _, token := range []string{
		"!!!",
		"bm90LWEtY3Vyc29y",                // "not-a-cursor"
		"MjAyNi0wMS0wMVQxMjowMDowMFp8LTE", // "2026-01-01T12:00:00Z|-1"
		"MjAyNi0wMS0wMVQxMjowMDowMFp8eA",  // "2026-01-01T12:00:00Z|x"
		b64([]byte("2026-01-01T12:00:00Z|0")),
		b64([]byte("2026-01-01T12:00:00Z|")),
		b64([]byte("yesterday|5")),
		b64([]byte("|5")),
		b64([]byte("2026-01-01T12:00:00Z|99999999999999999999")),
		b64([]byte("2026-01-01T12:00:00Z|9223372036854775808")), // one past the largest int64
		// Valid tokens with junk after them (for IDs 42 and 420, so that
		// the junk lands both inside and after a whole base64 quantum).
		EncodeCursor(Cursor{CreatedAt: base, ID: 42}) + "!",
		EncodeCursor(Cursor{CreatedAt: base, ID: 420}) + "!",
		EncodeCursor(Cursor{CreatedAt: base, ID: 420}) + "=",
		EncodeCursor(Cursor{CreatedAt: base, ID: 4200}) + "!",
	} {
		t.Run(token, func(t *testing.T) {
			if got, err := DecodeCursor(token); !errors.Is(err, ErrBadCursor) {
				t.Errorf("DecodeCursor(%q) = %+v, %v; want ErrBadCursor", token, got, err)
			}
		})
	}
}
