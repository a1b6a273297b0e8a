package cursor

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// corpus has ten articles, some sharing a CreatedAt so the tie-breaker
// matters, given in scrambled order.
func corpus() []Article {
	return []Article{
		{"go-generics", t0.Add(3 * time.Hour)},
		{"dragons", t0.Add(9 * time.Hour)},
		{"b-tie", t0.Add(5 * time.Hour)},
		{"rest-apis", t0.Add(1 * time.Hour)},
		{"a-tie", t0.Add(5 * time.Hour)},
		{"c-tie", t0.Add(5 * time.Hour)},
		{"channels", t0.Add(7 * time.Hour)},
		{"oldest", t0},
		{"crud", t0.Add(8 * time.Hour)},
		{"idempotency", t0.Add(6 * time.Hour)},
	}
}

var wantOrder = []string{"dragons", "crud", "channels", "idempotency", "a-tie", "b-tie", "c-tie", "go-generics", "rest-apis", "oldest"}

var pager = Pager{Secret: []byte("test-secret-0123456789")}

func slugs(as []Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Slug
	}
	return out
}

// walk follows next cursors to the end and returns every slug served.
func walk(t *testing.T, items []Article, limit int) []string {
	t.Helper()
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > len(items)+1 {
			t.Fatalf("limit %d: still paging after %d pages; the next cursor never ends", limit, pages)
		}
		page, next, err := pager.Page(items, cursor, limit)
		if err != nil {
			t.Fatalf("limit %d: Page(cursor %q) error = %v", limit, cursor, err)
		}
		if len(page) > limit || (next != "" && len(page) != limit) {
			t.Fatalf("limit %d: got a page of %d with next %q; only the last page may be short", limit, len(page), next)
		}
		got = append(got, slugs(page)...)
		if next == "" {
			return got
		}
		cursor = next
	}
}

func TestWalkAllPages(t *testing.T) {
	for _, limit := range []int{1, 2, 3, 4, 9, 10, 11, MaxLimit} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			items := corpus()
			got := walk(t, items, limit)
			if !slices.Equal(got, wantOrder) {
				t.Errorf("walking with limit %d served %v, want %v (each article once, newest first, ties by slug)", limit, got, wantOrder)
			}
			if !slices.Equal(slugs(items), slugs(corpus())) {
				t.Errorf("Page reordered the caller's slice to %v; it must not modify items", slugs(items))
			}
		})
	}
	page, next, err := pager.Page(nil, "", 10)
	if err != nil || len(page) != 0 || next != "" {
		t.Errorf("Page(no items) = %v, %q, %v, want an empty page, no next cursor, nil", page, next, err)
	}
}

// TestStableUnderWrites shows why keyset beats OFFSET: new articles
// published while a reader pages do not shift what comes next, and deleting
// the very article a cursor points at does not break it.
func TestStableUnderWrites(t *testing.T) {
	items := corpus()
	page1, next, err := pager.Page(items, "", 3)
	if err != nil || !slices.Equal(slugs(page1), wantOrder[:3]) {
		t.Fatalf("first page = %v, %v, want %v", slugs(page1), err, wantOrder[:3])
	}
	items = append(items, Article{"breaking-news", t0.Add(10 * time.Hour)}) // newest of all
	items = slices.DeleteFunc(items, func(a Article) bool { return a.Slug == "channels" })
	page2, _, err := pager.Page(items, next, 3)
	if want := []string{"idempotency", "a-tie", "b-tie"}; err != nil || !slices.Equal(slugs(page2), want) {
		t.Errorf("after inserting a newer article and deleting the cursor's own, second page = %v, %v, want %v", slugs(page2), err, want)
	}
}

// TestCursorPastTheEnd: when the cursor's article and everything after it
// are gone, the next page is empty, not an error and not a crash.
func TestCursorPastTheEnd(t *testing.T) {
	items := corpus()
	page1, next, err := pager.Page(items, "", 9)
	if err != nil || next == "" || !slices.Equal(slugs(page1), wantOrder[:9]) {
		t.Fatalf("Page(limit 9) = %v, %q, %v, want %v and a next cursor", slugs(page1), next, err, wantOrder[:9])
	}
	items = slices.DeleteFunc(items, func(a Article) bool { return a.Slug == "rest-apis" || a.Slug == "oldest" })
	page2, next2, err := pager.Page(items, next, 9)
	if err != nil || len(page2) != 0 || next2 != "" {
		t.Errorf("after deleting the cursor's article and all older ones, Page(next) = %v, %q, %v, want an empty page, no next cursor, nil", slugs(page2), next2, err)
	}
}

func TestCursorIsOpaqueAndURLSafe(t *testing.T) {
	_, next, err := pager.Page(corpus(), "", 2)
	if err != nil || next == "" {
		t.Fatalf("Page(limit 2) next = %q, %v, want a cursor", next, err)
	}
	if url.QueryEscape(next) != next {
		t.Errorf("cursor %q needs escaping in a query string; use URL-safe characters only", next)
	}
}

func TestTamperedCursors(t *testing.T) {
	_, next, err := pager.Page(corpus(), "", 2)
	if err != nil || next == "" {
		t.Fatalf("Page(limit 2) next = %q, %v, want a cursor", next, err)
	}
	_, foreign, _ := Pager{Secret: []byte("another-secret")}.Page(corpus(), "", 2)
	forged := base64.RawURLEncoding.EncodeToString([]byte(`{"c":"2026-03-01T12:00:00Z","s":"oldest"}`))
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	tests := []struct{ name, cursor string }{
		{"first byte changed", flip(next, 0)},
		{"last byte changed", flip(next, len(next)-1)},
		{"truncated", next[:len(next)-4]},
		{"signed with another secret", foreign},
		{"forged payload without signature", forged},
		{"forged payload with the old signature", forged + next[strings.LastIndex(next, "."):]},
		{"garbage", "not-a-cursor"},
		{"dot only", "."},
		{"spaces", "   "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, _, err := pager.Page(corpus(), tc.cursor, 2)
			if !errors.Is(err, ErrInvalidCursor) {
				t.Errorf("Page(cursor %q) = %v, %v, want ErrInvalidCursor", tc.cursor, slugs(page), err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	for _, limit := range []int{0, -1, MaxLimit + 1} {
		if _, _, err := pager.Page(corpus(), "", limit); !errors.Is(err, ErrBadLimit) {
			t.Errorf("Page(limit %d) error = %v, want ErrBadLimit", limit, err)
		}
	}
}
