package versions

import (
	"errors"
	"reflect"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Article
	}{
		{
			name: "v1 full",
			in:   `{"title":"Hello","body":"Text","author":"ada","tags":"go, json","published":true}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{"go", "json"}, Status: Published},
		},
		{
			name: "v1 explicit version 1",
			in:   `{"version":1,"title":"Hello","body":"Text","author":"ada"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
		{
			name: "v1 defaults: no tags, not published",
			in:   `{"title":"Hello","body":"Text","author":"ada"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
		{
			name: "v1 published as a string (legacy clients)",
			in:   `{"title":"Hello","body":"Text","author":"ada","published":"true"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Published},
		},
		{
			name: "v1 published false as a string",
			in:   `{"title":"Hello","body":"Text","author":"ada","published":"false"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
		{
			name: "v1 messy tag string",
			in:   `{"title":"Hello","body":"Text","author":"ada","tags":" go,,json , "}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{"go", "json"}, Status: Draft},
		},
		{
			name: "v2 full",
			in:   `{"version":2,"title":"Hello","content":"Text","author":{"username":"ada","bio":"Parsers."},"tags":["go","json"],"status":"archived"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada", Bio: "Parsers."}, Tags: []string{"go", "json"}, Status: Archived},
		},
		{
			name: "v2 defaults: no tags, no status, no bio",
			in:   `{"version":2,"title":"Hello","content":"Text","author":{"username":"ada"}}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
		{
			name: "v2 explicit draft, messy tags",
			in:   `{"version":2,"title":"Hello","content":"Text","author":{"username":"ada"},"tags":[" go ","","  "],"status":"draft"}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{"go"}, Status: Draft},
		},
		{
			name: "v2 published",
			in:   `{"status":"published","version":2,"title":"Hello","content":"Text","author":{"username":"ada","bio":""}}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Published},
		},
		{
			name: "v1 published false",
			in:   `{"title":"Hello","body":"Text","author":"ada","published":false,"tags":""}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
		{
			name: "v2 null tags are no tags",
			in:   `{"version":2,"title":"Hello","content":"Text","author":{"username":"ada"},"tags":null}`,
			want: Article{Title: "Hello", Body: "Text", Author: Author{Username: "ada"}, Tags: []string{}, Status: Draft},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.in))
			if err != nil {
				t.Fatalf("Decode(%s) error = %v, want nil", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Decode(%s) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

// TestBothVersionsAgree decodes the same article written by a v1 and a v2
// client: the model must not be able to tell them apart.
func TestBothVersionsAgree(t *testing.T) {
	v1, err1 := Decode([]byte(`{"title":"Same","body":"Words","author":"grace","tags":"a,b","published":true}`))
	v2, err2 := Decode([]byte(`{"version":2,"title":"Same","content":"Words","author":{"username":"grace"},"tags":["a","b"],"status":"published"}`))
	if err1 != nil || err2 != nil {
		t.Fatalf("Decode errors = %v, %v; want nil, nil", err1, err2)
	}
	if !reflect.DeepEqual(v1, v2) {
		t.Errorf("v1 decodes to %+v but v2 to %+v, want the same article", v1, v2)
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"version 3", `{"version":3,"title":"T"}`, ErrUnsupportedVersion},
		{"version as a string", `{"version":"2","title":"T"}`, ErrUnsupportedVersion},
		{"version null", `{"version":null,"title":"T"}`, ErrUnsupportedVersion},
		{"version 2.5", `{"version":2.5,"title":"T"}`, ErrUnsupportedVersion},
		{"v1 missing title", `{"body":"Text","author":"ada"}`, ErrMissingField},
		{"v1 blank title", `{"title":"  ","body":"Text","author":"ada"}`, ErrMissingField},
		{"v1 missing author", `{"title":"T","body":"Text"}`, ErrMissingField},
		{"v2 missing content", `{"version":2,"title":"T","author":{"username":"ada"}}`, ErrMissingField},
		{"v2 missing author", `{"version":2,"title":"T","content":"C"}`, ErrMissingField},
		{"v2 sends the v1 name body", `{"version":2,"title":"T","body":"C","author":{"username":"ada"}}`, ErrUnknownField},
		{"v1 sends the v2 name content", `{"title":"T","content":"C","author":"ada"}`, ErrUnknownField},
		{"v1 sends status", `{"title":"T","body":"C","author":"ada","status":"draft"}`, ErrUnknownField},
		{"v1 unknown field", `{"title":"T","body":"C","author":"ada","colour":"red"}`, ErrUnknownField},
		{"v2 unknown author field", `{"version":2,"title":"T","content":"C","author":{"username":"ada","age":3}}`, ErrBadField},
		{"v1 published yes", `{"title":"T","body":"C","author":"ada","published":"yes"}`, ErrBadField},
		{"v1 published 1", `{"title":"T","body":"C","author":"ada","published":1}`, ErrBadField},
		{"v1 author object", `{"title":"T","body":"C","author":{"username":"ada"}}`, ErrBadField},
		{"v1 title number", `{"title":5,"body":"C","author":"ada"}`, ErrBadField},
		{"v2 tags string", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"tags":"go"}`, ErrBadField},
		{"v2 unknown status", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"status":"deleted"}`, ErrBadField},
		{"v2 author string", `{"version":2,"title":"T","content":"C","author":"ada"}`, ErrBadField},
		{"not an object", `["title"]`, ErrBadField},
		{"null", `null`, ErrBadField},
		{"a string", `"title"`, ErrBadField},
		{"empty input", ``, ErrBadField},
		{"version 0", `{"version":0,"title":"T","body":"C","author":"ada"}`, ErrUnsupportedVersion},
		{"version -1", `{"version":-1,"title":"T","body":"C","author":"ada"}`, ErrUnsupportedVersion},
		{"version 1.5", `{"version":1.5,"title":"T","body":"C","author":"ada"}`, ErrUnsupportedVersion},
		{"version true", `{"version":true,"title":"T","body":"C","author":"ada"}`, ErrUnsupportedVersion},
		{"v1 null title is missing", `{"title":null,"body":"C","author":"ada"}`, ErrMissingField},
		{"v1 blank body", `{"title":"T","body":" \t","author":"ada"}`, ErrMissingField},
		{"v1 blank author", `{"title":"T","body":"C","author":" "}`, ErrMissingField},
		{"v1 tags array (the v2 shape)", `{"title":"T","body":"C","author":"ada","tags":["go"]}`, ErrBadField},
		{"v1 body number", `{"title":"T","body":1,"author":"ada"}`, ErrBadField},
		{"v1 published TRUE", `{"title":"T","body":"C","author":"ada","published":"TRUE"}`, ErrBadField},
		{"v1 published null", `{"title":"T","body":"C","author":"ada","published":null}`, ErrBadField},
		{"v2 missing title", `{"version":2,"content":"C","author":{"username":"ada"}}`, ErrMissingField},
		{"v2 blank username", `{"version":2,"title":"T","content":"C","author":{"username":" ","bio":"b"}}`, ErrMissingField},
		{"v2 sends published", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"published":true}`, ErrUnknownField},
		{"v2 unknown field", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"colour":"red"}`, ErrUnknownField},
		{"v2 content number", `{"version":2,"title":"T","content":5,"author":{"username":"ada"}}`, ErrBadField},
		{"v2 title array", `{"version":2,"title":["T"],"content":"C","author":{"username":"ada"}}`, ErrBadField},
		{"v2 tags of numbers", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"tags":[1]}`, ErrBadField},
		{"v2 status as a number", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"status":1}`, ErrBadField},
		{"v2 status in capitals", `{"version":2,"title":"T","content":"C","author":{"username":"ada"},"status":"Published"}`, ErrBadField},
		{"v2 username number", `{"version":2,"title":"T","content":"C","author":{"username":7}}`, ErrBadField},
		{"not JSON", `title: T`, ErrBadField},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.in))
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("Decode(%s) = %+v, %v; want error %v", tc.in, got, err, tc.wantErr)
			}
		})
	}
}
