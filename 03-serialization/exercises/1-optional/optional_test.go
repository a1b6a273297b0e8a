package optional

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// TestDecodePatch checks the three states of every field, then the bodies
// a strict decoder must refuse.
func TestDecodePatch(t *testing.T) {
	accepted := []struct {
		body string
		want ArticlePatch
	}{
		{`{}`, ArticlePatch{}},
		{`{"title":"New"}`, ArticlePatch{Title: Some("New")}},
		{`{"title":""}`, ArticlePatch{Title: Some("")}},
		{`{"description":null}`, ArticlePatch{Description: Null[string]()}},
		{`{"description":"short"}`, ArticlePatch{Description: Some("short")}},
		{`{"tags":null}`, ArticlePatch{Tags: Null[[]string]()}},
		{`{"tags":[]}`, ArticlePatch{Tags: Some([]string{})}},
		{`{"tags":["go","json"]}`, ArticlePatch{Tags: Some([]string{"go", "json"})}},
		{`{"rating":0}`, ArticlePatch{Rating: Some(0.0)}},
		{`{"rating":null}`, ArticlePatch{Rating: Null[float64]()}},
		{`{"title":null}`, ArticlePatch{Title: Null[string]()}},
		{`{"tags":["a"],"tags":null}`, ArticlePatch{Tags: Null[[]string]()}},
		{`{"description":null,"description":"back"}`, ArticlePatch{Description: Some("back")}},
		{`{"title":"T","description":null,"rating":4.5}`, ArticlePatch{Title: Some("T"), Description: Null[string](), Rating: Some(4.5)}},
		{" \n{ \"description\" : null }\n", ArticlePatch{Description: Null[string]()}},
	}
	for _, tc := range accepted {
		got, err := DecodePatch([]byte(tc.body))
		if err != nil {
			t.Errorf("DecodePatch(%s) error = %v, want nil", tc.body, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("DecodePatch(%s) = %+v, want %+v", tc.body, got, tc.want)
		}
	}
	for _, body := range []string{
		``,
		`null`,
		`[]`,
		`"title"`,
		`{"titel":"typo"}`,
		`{"title":5}`,
		`{"tags":"go"}`,
		`{"rating":"4"}`,
		`{"title":"a"} {"title":"b"}`,
		`{"title":"a"`,
		`{} ]`,
		`{}x`,
		`   `,
	} {
		if p, err := DecodePatch([]byte(body)); err == nil {
			t.Errorf("DecodePatch(%s) = %+v, nil; want an error", body, p)
		}
	}
}

func TestApply(t *testing.T) {
	desc := "old description"
	base := Article{Title: "Old", Description: &desc, Tags: []string{"go"}, Rating: 3}
	newDesc := "new description"
	tests := []struct {
		name    string
		patch   ArticlePatch
		want    Article
		wantErr error
	}{
		{"empty patch keeps everything", ArticlePatch{}, base, nil},
		{"set title", ArticlePatch{Title: Some("New")}, Article{Title: "New", Description: &desc, Tags: []string{"go"}, Rating: 3}, nil},
		{"null clears description", ArticlePatch{Description: Null[string]()}, Article{Title: "Old", Tags: []string{"go"}, Rating: 3}, nil},
		{"value sets description", ArticlePatch{Description: Some(newDesc)}, Article{Title: "Old", Description: &newDesc, Tags: []string{"go"}, Rating: 3}, nil},
		{"null tags become empty", ArticlePatch{Tags: Null[[]string]()}, Article{Title: "Old", Description: &desc, Tags: []string{}, Rating: 3}, nil},
		{"zero rating is a value", ArticlePatch{Rating: Some(0.0)}, Article{Title: "Old", Description: &desc, Tags: []string{"go"}, Rating: 0}, nil},
		{"null title is refused", ArticlePatch{Title: Null[string]()}, Article{}, ErrNotNullable},
		{"null rating is refused", ArticlePatch{Rating: Null[float64]()}, Article{}, ErrNotNullable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply(base, tc.patch)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Apply(base, %+v) error = %v, want %v", tc.patch, err, tc.wantErr)
			}
			if err == nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Apply(base, %+v) = %+v, want %+v", tc.patch, got, tc.want)
			}
		})
	}
}

// TestApplyDoesNotAlias checks that the result does not share the patch's
// tag slice or description: changing one later must not change the other.
func TestApplyDoesNotAlias(t *testing.T) {
	tags := []string{"go"}
	got, err := Apply(Article{Title: "T"}, ArticlePatch{Tags: Some(tags), Description: Some("d")})
	if err != nil {
		t.Fatalf("Apply error = %v, want nil", err)
	}
	tags[0] = "changed"
	if len(got.Tags) != 1 || got.Tags[0] != "go" {
		t.Errorf("after changing the patch's tags, the article's tags are %v, want [go]", got.Tags)
	}
	if got.Description == nil || *got.Description != "d" {
		t.Errorf("Apply set Description to %v, want a pointer to \"d\"", got.Description)
	}
}

// TestMarshalOptional marshals Optionals outside ArticlePatch, where no
// omitzero leaves an absent one out: it has no value, so it is null.
func TestMarshalOptional(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"absent string", Optional[string]{}, `null`},
		{"absent number", Optional[float64]{}, `null`},
		{"null", Null[string](), `null`},
		{"empty string is a value", Some(""), `""`},
		{"zero is a value", Some(0), `0`},
		{"in a map", map[string]Optional[int]{"a": {}, "b": Some(2)}, `{"a":null,"b":2}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.v)
		if err != nil || string(b) != tc.want {
			t.Errorf("json.Marshal(%s: %+v) = %s, %v; want %s, nil", tc.name, tc.v, b, err, tc.want)
		}
	}
}

func TestMarshalPatch(t *testing.T) {
	tests := []struct {
		patch ArticlePatch
		want  string
	}{
		{ArticlePatch{}, `{}`},
		{ArticlePatch{Title: Some("T")}, `{"title":"T"}`},
		{ArticlePatch{Description: Null[string]()}, `{"description":null}`},
		{ArticlePatch{Tags: Some([]string{}), Rating: Some(0.0)}, `{"tags":[],"rating":0}`},
		{ArticlePatch{Title: Some("T"), Description: Null[string](), Tags: Null[[]string](), Rating: Some(4.5)}, `{"title":"T","description":null,"tags":null,"rating":4.5}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.patch)
		if err != nil {
			t.Errorf("json.Marshal(%+v) error = %v", tc.patch, err)
			continue
		}
		if string(b) != tc.want {
			t.Errorf("json.Marshal(%+v) = %s, want %s", tc.patch, b, tc.want)
		}
		back, err := DecodePatch(b)
		if err != nil || !reflect.DeepEqual(back, tc.patch) {
			t.Errorf("DecodePatch(%s) = %+v, %v; want the patch back, nil", b, back, err)
		}
	}
}
