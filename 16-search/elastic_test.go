package main

import (
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares v's indented JSON with testdata/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := "testdata/" + name
	if *update {
		os.WriteFile(path, append(got, '\n'), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got)+"\n" {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

func TestESMappingGolden(t *testing.T) { golden(t, "es_mapping.golden.json", esMapping(3, 1)) }

func TestESSearchBodyGolden(t *testing.T) {
	q := Query{Text: "replicas", Tag: "cluster", Since: day("2024-01-01"), Until: day("2024-04-01"), Size: 5}
	golden(t, "es_search_body.golden.json", esSearchBody(q, []any{1709460000000, "a06"}))
}

func TestDecodeESSearch(t *testing.T) {
	f, err := os.Open("testdata/es_search_response.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := decodeESSearch(f, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 || len(res.Hits) != 2 || res.Hits[0].ID != "a06" || res.Hits[0].Score != 1.25 {
		t.Errorf("decoded %+v", res)
	}
	if got := res.Hits[0].Highlights["body"]; len(got) != 1 {
		t.Errorf("highlight = %v", got)
	}
	if len(res.Tags) != 2 || res.Tags[0] != (Bucket{"cluster", 2}) || len(res.Months) != 2 || res.Months[1].Key != "2024-03" {
		t.Errorf("facets %v %v", res.Tags, res.Months)
	}
	after, err := decodeCursor(res.Next)
	if err != nil || len(after) != 2 || after[1] != "a05" {
		t.Errorf("cursor %q decodes to %v, %v; want the last hit's sort values", res.Next, after, err)
	}
}

func TestDecodeClusterHealth(t *testing.T) {
	f, err := os.Open("testdata/es_health_response.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := decodeClusterHealth(f)
	if err != nil || h != (clusterHealth{Status: "yellow", NumberOfNodes: 1, ActiveShards: 1, UnassignedShards: 1}) {
		t.Errorf("health = %+v, %v", h, err)
	}
}
