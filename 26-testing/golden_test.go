package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"workbook/26-testing/bookmark"
)

// update rewrites the golden files from the current output:
//
//	go test ./26-testing -run Golden -update
//
// Review the diff in git before committing it: a golden file is only as
// right as the last person who looked at it.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// golden compares got with testdata/name.golden, or writes it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update if the change is intended)\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// Golden files pin a whole response body — every member, its order, the
// indentation — where a field-by-field assertion would check three things
// and miss the fourth.
func TestGoldenResponses(t *testing.T) {
	h := newTestHandler(t, bookmark.NewMemory())
	for _, body := range []string{
		`{"url":"https://go.dev/doc/tutorial/fuzz","title":"Tutorial: Getting started with fuzzing"}`,
		`{"url":"HTTPS://Go.Dev/doc/tutorial/add-a-test","title":"  Add a test  "}`,
	} {
		if rec := do(h, "POST", "/bookmarks", "application/json", body); rec.Code != 201 {
			t.Fatalf("seed POST = %d %s", rec.Code, rec.Body)
		}
	}
	for _, tt := range []struct{ name, method, path, body string }{
		{"list", "GET", "/bookmarks", ""},
		{"invalid", "POST", "/bookmarks", `{"url":"ftp://go.dev","title":""}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, tt.method, tt.path, "application/json", tt.body)
			golden(t, tt.name, rec.Body.Bytes())
		})
	}
}
