package boolquery

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// go test -tags solution -run TestBuildGolden ./16-search/exercises/3-bool-query -update
// rewrites the golden files from the reference (maintainers only: they are
// part of the grading contract).
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from Build's output")

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// canonical re-encodes JSON with sorted keys and indentation.
func canonical(t *testing.T, b []byte) (any, []byte) {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("Build returned invalid JSON %s: %v", b, err)
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return v, append(out, '\n')
}

func TestBuildGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Filter
	}{
		{"empty", Filter{}},
		{"blank", Filter{Text: "  ", Lang: " ", AllTags: []string{"", " "}, AnyTags: []string{" "}, ExcludeAuthors: []string{""}}},
		{"text", Filter{Text: " shard replicas "}},
		{"text-lang-all-tags", Filter{Text: "replicas", Lang: "en", AllTags: []string{"ops", "cluster", "ops", " "}}},
		{"any-tags", Filter{AnyTags: []string{"search", "go"}}},
		{"text-any-tags", Filter{Text: "index", AnyTags: []string{"search", "go", " search"}}},
		{"lang-any-tags", Filter{Lang: "en", AnyTags: []string{"go"}}},
		{"exclude-authors", Filter{ExcludeAuthors: []string{"bob", "alice", "bob "}}},
		{"since", Filter{Since: day("2024-01-01T00:00:00Z")}},
		{"until", Filter{Until: day("2024-04-01T00:00:00Z")}},
		{"everything", Filter{
			Text: "cluster health", Lang: "en",
			AllTags: []string{"ops", "cluster"}, AnyTags: []string{"elasticsearch", "bleve"},
			ExcludeAuthors: []string{"mallory"},
			Since:          day("2024-01-01T02:00:00+02:00"), Until: day("2024-04-01T00:00:00Z"),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Build(tc.f)
			if err != nil {
				t.Fatalf("Build(%+v) = %v (edit exercises/3-bool-query/query.go)", tc.f, err)
			}
			gotV, gotJSON := canonical(t, got)
			path := filepath.Join("testdata", tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantV, wantJSON := canonical(t, want)
			if !reflect.DeepEqual(gotV, wantV) {
				t.Errorf("Build(%+v) =\n%s\nwant (%s):\n%s", tc.f, gotJSON, path, wantJSON)
			}
		})
	}
}

func TestBuildRefusesAnEmptyWindow(t *testing.T) {
	// A valid filter first, so that this test fails on the stub too.
	if _, err := Build(Filter{Since: day("2024-01-01T00:00:00Z"), Until: day("2024-01-01T00:00:01Z")}); err != nil {
		t.Fatalf("Build with since one second before until = %v, want nil (edit exercises/3-bool-query/query.go)", err)
	}
	for _, f := range []Filter{
		{Since: day("2024-04-01T00:00:00Z"), Until: day("2024-01-01T00:00:00Z")},
		{Since: day("2024-01-01T00:00:00Z"), Until: day("2024-01-01T00:00:00Z")},
		{Text: "x", Since: day("2024-01-01T02:00:00+02:00"), Until: day("2024-01-01T00:00:00Z")}, // the same instant
	} {
		got, err := Build(f)
		if !errors.Is(err, ErrInvalid) || got != nil {
			t.Errorf("Build(since %s, until %s) = %s, %v; want nil and an error wrapping ErrInvalid", f.Since, f.Until, got, err)
		}
	}
}
