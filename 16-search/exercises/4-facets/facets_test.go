package facets

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func f64(v float64) *float64 { return &v }

func show(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func decode(t *testing.T, body []byte, selected []string) Facets {
	t.Helper()
	got, err := Decode(body, selected)
	if err != nil {
		t.Fatalf("Decode(…, %q) = %v (edit exercises/4-facets/facets.go)", selected, err)
	}
	return got
}

func wantEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s =\n%s\nwant\n%s", what, show(got), show(want))
	}
}

var rangesOf23 = []Range{
	{Key: "short", To: f64(5), Count: 8},
	{Key: "medium", From: f64(5), To: f64(15), Count: 12},
	{Key: "long", From: f64(15), Count: 3},
}

func TestDecode(t *testing.T) {
	// A zone west of UTC: a month key formatted in local time would fall
	// in the month before.
	local := time.Local
	time.Local = time.FixedZone("UTC-5", -5*60*60)
	t.Cleanup(func() { time.Local = local })

	got := decode(t, read(t, "response.json"), nil)
	want := Facets{
		Tags: TermFacet{
			Values: []TermValue{
				{Value: "cluster", Count: 9, Authors: []Bucket{{"alice", 5}, {"bob", 3}}},
				{Value: "search", Count: 6, Authors: []Bucket{{"carol", 4}, {"alice", 2}}},
				{Value: "ops", Count: 3, Authors: []Bucket{{"bob", 2}, {"alice", 1}}},
			},
			Other:   7,
			Missing: 3,
		},
		Months:      []Bucket{{"2024-01", 10}, {"2024-02", 0}, {"2024-03", 13}},
		ReadingTime: rangesOf23,
	}
	wantEqual(t, "Decode(testdata/response.json, nil)", got, want)
}

func TestDecodeKeepsSelectedTags(t *testing.T) {
	got := decode(t, read(t, "response.json"), []string{"zeta", "search", "alpha", "zeta"})
	want := []TermValue{
		{Value: "cluster", Count: 9, Authors: []Bucket{{"alice", 5}, {"bob", 3}}},
		{Value: "search", Count: 6, Selected: true, Authors: []Bucket{{"carol", 4}, {"alice", 2}}},
		{Value: "ops", Count: 3, Authors: []Bucket{{"bob", 2}, {"alice", 1}}},
		{Value: "alpha", Count: 0, Selected: true, Authors: []Bucket{}},
		{Value: "zeta", Count: 0, Selected: true, Authors: []Bucket{}},
	}
	wantEqual(t, `Decode(testdata/response.json, ["zeta" "search" "alpha" "zeta"]).Tags.Values`, got.Tags.Values, want)
}

func TestDecodeShardedResponse(t *testing.T) {
	got := decode(t, read(t, "response_sharded.json"), []string{"go"})
	want := Facets{
		Tags: TermFacet{
			Values: []TermValue{
				{Value: "go", Count: 12, Selected: true, Authors: []Bucket{}},
				{Value: "search", Count: 12, Authors: []Bucket{{"erin", 9}}},
			},
			Other:      40,
			CountError: 2,
		},
		Months: []Bucket{},
		ReadingTime: []Range{
			{Key: "short", To: f64(5)},
			{Key: "medium", From: f64(5), To: f64(15)},
			{Key: "long", From: f64(15)},
		},
	}
	wantEqual(t, `Decode(testdata/response_sharded.json, ["go"])`, got, want)
	// Empty lists are [] on the wire, never null.
	if b, _ := json.Marshal(got); !strings.Contains(string(b), `"months":[]`) || !strings.Contains(string(b), `"authors":[]`) {
		t.Errorf("json.Marshal(facets) = %s; want empty lists as [] (not null)", b)
	}
}

// TestDecodeSortsTies: buckets arrive in any order; the facet lists most
// documents first, ties by value.
func TestDecodeSortsTies(t *testing.T) {
	body := valid
	body = strings.Replace(body, `"buckets":[{"key":"go","doc_count":1,`, `"buckets":[{"key":"rust","doc_count":1,"authors":{"buckets":[]}},{"key":"c","doc_count":2,"authors":{"buckets":[]}},{"key":"go","doc_count":1,`, 1)
	body = strings.Replace(body, `"buckets":[{"key":"ann","doc_count":1}]`, `"buckets":[{"key":"zed","doc_count":1},{"key":"ann","doc_count":1},{"key":"bea","doc_count":4}]`, 1)
	got := decode(t, []byte(body), []string{"b", "a"})
	var order []string
	for _, v := range got.Tags.Values {
		order = append(order, v.Value)
	}
	if want := []string{"c", "go", "rust", "a", "b"}; !reflect.DeepEqual(order, want) {
		t.Errorf("tag order = %q, want %q (count descending, then value)", order, want)
	}
	if len(got.Tags.Values) > 1 {
		wantEqual(t, "authors of go", got.Tags.Values[1].Authors, []Bucket{{"bea", 4}, {"ann", 1}, {"zed", 1}})
	}
}

// valid is the smallest response with every aggregation the request asks for.
const valid = `{"aggregations":{` +
	`"tags":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"go","doc_count":1,"authors":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"ann","doc_count":1}]}}]},` +
	`"published":{"buckets":[{"key_as_string":"2024-01","key":1704067200000,"doc_count":1}]},` +
	`"reading_time":{"buckets":[{"key":"short","to":5.0,"doc_count":1}]}}}`

func TestDecodeRejectsBadResponses(t *testing.T) {
	// The template itself decodes, so each case below breaks one thing.
	got := decode(t, []byte(valid), nil)
	wantEqual(t, "Decode(valid)", got, Facets{
		Tags:        TermFacet{Values: []TermValue{{Value: "go", Count: 1, Authors: []Bucket{{"ann", 1}}}}},
		Months:      []Bucket{{"2024-01", 1}},
		ReadingTime: []Range{{Key: "short", To: f64(5), Count: 1}},
	})

	for _, tc := range []struct{ name, old, new string }{
		{"truncated", valid, `{"aggregations":{"tags":`},
		{"trailing data", valid, valid + ` {}`},
		{"null", valid, `null`},
		{"no aggregations", valid, `{"hits":{"total":{"value":0}}}`},
		{"aggregations is a list", valid, `{"aggregations":[]}`},
		{"no tags aggregation", `"tags":`, `"other":`},
		{"keyed tag buckets", `"buckets":[{"key":"go","doc_count":1,"authors":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"ann","doc_count":1}]}}]`, `"buckets":{"go":{"doc_count":1}}`},
		{"numeric tag key", `"key":"go"`, `"key":7`},
		{"no tag key", `"key":"go",`, ``},
		{"tag count as text", `"key":"go","doc_count":1`, `"key":"go","doc_count":"1"`},
		{"negative tag count", `"key":"go","doc_count":1`, `"key":"go","doc_count":-1`},
		{"fractional tag count", `"key":"go","doc_count":1`, `"key":"go","doc_count":1.5`},
		{"no tag count", `"key":"go","doc_count":1,`, `"key":"go",`},
		{"negative other count", `"sum_other_doc_count":0,"buckets":[{"key":"go"`, `"sum_other_doc_count":-3,"buckets":[{"key":"go"`},
		{"no authors sub-aggregation", `,"authors":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"ann","doc_count":1}]}`, ``},
		{"numeric author key", `"key":"ann"`, `"key":1`},
		{"negative author count", `"key":"ann","doc_count":1`, `"key":"ann","doc_count":-1`},
		{"no published aggregation", `"published":`, `"other":`},
		{"published buckets missing", `"published":{"buckets":[{"key_as_string":"2024-01","key":1704067200000,"doc_count":1}]}`, `"published":{}`},
		{"month key as text", `"key":1704067200000`, `"key":"2024-01"`},
		{"no month key", `"key":1704067200000,`, ``},
		{"no month count", `"key":1704067200000,"doc_count":1`, `"key":1704067200000`},
		{"negative month count", `"key":1704067200000,"doc_count":1`, `"key":1704067200000,"doc_count":-2`},
		{"no reading_time aggregation", `"reading_time":`, `"other":`},
		{"reading_time buckets missing", `"reading_time":{"buckets":[{"key":"short","to":5.0,"doc_count":1}]}`, `"reading_time":{"buckets":null}`},
		{"no range key", `"key":"short",`, ``},
		{"range bound as text", `"to":5.0`, `"to":"5"`},
		{"no range count", `"to":5.0,"doc_count":1`, `"to":5.0`},
		{"negative range count", `"to":5.0,"doc_count":1`, `"to":5.0,"doc_count":-1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(valid, tc.old) {
				t.Fatalf("test bug: %q not in the template", tc.old)
			}
			body := strings.Replace(valid, tc.old, tc.new, 1)
			got, err := Decode([]byte(body), nil)
			if !errors.Is(err, ErrBadResponse) {
				t.Errorf("Decode(%s) = %s, %v; want an error wrapping ErrBadResponse", body, show(got), err)
			}
		})
	}
}
