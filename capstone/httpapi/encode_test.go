package httpapi

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzAppendString checks appendString against encoding/json on every input
// (`go test -fuzz FuzzAppendString` explores beyond the seeds).
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{
		"", "plain", `quote " backslash \`, "tab\tnewline\nreturn\r", "\b\f\x00\x1f\x7f",
		"<script>&amp;</script>", "crème brûlée ✓ 🐉", "\u2028\u2029", "bad \xff utf-8 \xc3", "\xed\xa0\x80",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, want %s (encoding/json)", s, got, want)
		}
	})
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	a := articleJSON{
		Slug: "s", Title: "T <b>", Description: "d\n", Body: "b \"q\"", TagList: []string{"a", "b&c"},
		CreatedAt: "2026-01-01T00:00:00.000Z", UpdatedAt: "2026-01-01T00:00:00.000Z",
		Favorited: true, FavoritesCount: 3,
		Author: profileJSON{Username: "jake", Bio: "bio", Image: "https://x/y.png", Following: true},
	}
	noTags := a
	noTags.TagList = nil
	for name, v := range map[string]jsonAppender{
		"article":          articleResponse{Article: a},
		"article nil tags": articleResponse{Article: noTags},
		"list":             articlesResponse{Articles: []articleSummaryJSON{a.summary(), noTags.summary()}, ArticlesCount: 7},
		"empty list":       articlesResponse{Articles: []articleSummaryJSON{}},
		"nil list":         articlesResponse{},
	} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.appendJSON(nil); string(got) != string(want) {
			t.Errorf("%s: appendJSON = %s\nwant (encoding/json)  %s", name, got, want)
		}
	}
}

func TestFormatTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2016, 2, 18, 3, 22, 56, 637_000_000, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 1, 12, 0, 0, 5_000_000, time.FixedZone("CEST", 2*3600)),
		time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		if got, want := formatTime(tm), tm.UTC().Format(timeFormat); got != want {
			t.Errorf("formatTime(%v) = %q, want %q", tm, got, want)
		}
	}
}

// TestListsLeaveBodiesOut: list items have every member of an article but
// its body, as the spec's MultipleArticlesResponse does; a single article
// keeps it.
func TestListsLeaveBodiesOut(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Dragons","description":"d","body":"a long body"}}`})
	var list struct {
		Articles []map[string]any `json:"articles"`
	}
	if err := json.Unmarshal(do(t, s, call{method: "GET", path: "/api/articles"}).Body.Bytes(), &list); err != nil || len(list.Articles) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	if _, ok := list.Articles[0]["body"]; ok {
		t.Errorf("a list item has a body: %v", list.Articles[0])
	}
	for _, k := range []string{"slug", "title", "description", "tagList", "createdAt", "updatedAt", "favorited", "favoritesCount", "author"} {
		if _, ok := list.Articles[0][k]; !ok {
			t.Errorf("a list item lacks %q: %v", k, list.Articles[0])
		}
	}
	var one struct {
		Article map[string]any `json:"article"`
	}
	if err := json.Unmarshal(do(t, s, call{method: "GET", path: "/api/articles/dragons"}).Body.Bytes(), &one); err != nil || one.Article["body"] != "a long body" {
		t.Errorf("a single article = %v, %v; want its body", one.Article, err)
	}
}

// BenchmarkListEncoding compares, in one run, the hand-written encoder of
// a 20-article list with encoding/json on the same value: the reason
// encode.go exists.
func BenchmarkListEncoding(b *testing.B) {
	a := articleJSON{
		Slug: "how-to-train-your-dragon", Title: "How to train your dragon", Description: "Ever wonder how?",
		TagList: []string{"dragons", "training"}, CreatedAt: "2026-01-01T00:00:00.000Z", UpdatedAt: "2026-01-01T00:00:00.000Z",
		FavoritesCount: 3, Author: profileJSON{Username: "jake", Bio: "I work at statefarm", Image: "https://example.com/jake.png"},
	}
	list := articlesResponse{ArticlesCount: 20}
	for range 20 {
		list.Articles = append(list.Articles, a.summary())
	}
	b.Run("appendJSON", func(b *testing.B) {
		buf := make([]byte, 0, 16<<10)
		for b.Loop() {
			buf = list.appendJSON(buf[:0])
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(list); err != nil {
				b.Fatal(err)
			}
		}
	})
}
