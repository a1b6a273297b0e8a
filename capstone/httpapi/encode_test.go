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
		"list":             articlesResponse{Articles: []articleJSON{a, noTags}, ArticlesCount: 7},
		"empty list":       articlesResponse{Articles: []articleJSON{}},
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
