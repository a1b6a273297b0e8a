package linkheader

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
)

func TestPageLinks(t *testing.T) {
	base, _ := url.Parse("/v2/articles?tag=go&per_page=99")
	abs, _ := url.Parse("https://api.example.org/v2/articles")
	tests := []struct {
		name                 string
		base                 *url.URL
		page, perPage, total int
		want                 string
	}{
		{"first of three", base, 1, 10, 25,
			`</v2/articles?page=1&per_page=10&tag=go>; rel="first", </v2/articles?page=2&per_page=10&tag=go>; rel="next", </v2/articles?page=3&per_page=10&tag=go>; rel="last"`},
		{"middle", base, 2, 10, 25,
			`</v2/articles?page=1&per_page=10&tag=go>; rel="first", </v2/articles?page=1&per_page=10&tag=go>; rel="prev", </v2/articles?page=3&per_page=10&tag=go>; rel="next", </v2/articles?page=3&per_page=10&tag=go>; rel="last"`},
		{"last", base, 3, 10, 25,
			`</v2/articles?page=1&per_page=10&tag=go>; rel="first", </v2/articles?page=2&per_page=10&tag=go>; rel="prev", </v2/articles?page=3&per_page=10&tag=go>; rel="last"`},
		{"exact multiple", abs, 2, 5, 10,
			`<https://api.example.org/v2/articles?page=1&per_page=5>; rel="first", <https://api.example.org/v2/articles?page=1&per_page=5>; rel="prev", <https://api.example.org/v2/articles?page=2&per_page=5>; rel="last"`},
		{"past the end links back to the last page", abs, 7, 5, 10,
			`<https://api.example.org/v2/articles?page=1&per_page=5>; rel="first", <https://api.example.org/v2/articles?page=2&per_page=5>; rel="prev", <https://api.example.org/v2/articles?page=2&per_page=5>; rel="last"`},
		{"empty list has one page", abs, 1, 5, 0,
			`<https://api.example.org/v2/articles?page=1&per_page=5>; rel="first", <https://api.example.org/v2/articles?page=1&per_page=5>; rel="last"`},
		{"one item past a multiple starts a page", abs, 1, 10, 11,
			`<https://api.example.org/v2/articles?page=1&per_page=10>; rel="first", <https://api.example.org/v2/articles?page=2&per_page=10>; rel="next", <https://api.example.org/v2/articles?page=2&per_page=10>; rel="last"`},
		{"one per page", abs, 2, 1, 3,
			`<https://api.example.org/v2/articles?page=1&per_page=1>; rel="first", <https://api.example.org/v2/articles?page=1&per_page=1>; rel="prev", <https://api.example.org/v2/articles?page=3&per_page=1>; rel="next", <https://api.example.org/v2/articles?page=3&per_page=1>; rel="last"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PageLinks(tc.base, tc.page, tc.perPage, tc.total)
			if err != nil || got != tc.want {
				t.Errorf("PageLinks(%s, %d, %d, %d) =\n  %s, %v\nwant\n  %s", tc.base, tc.page, tc.perPage, tc.total, got, err, tc.want)
			}
		})
	}
	if base.Query().Get("per_page") != "99" {
		t.Errorf("PageLinks modified its base URL to %s", base)
	}
	for _, bad := range [][3]int{{0, 10, 5}, {-1, 10, 5}, {1, 0, 5}, {1, -3, 5}, {1, 10, -1}} {
		if _, err := PageLinks(abs, bad[0], bad[1], bad[2]); !errors.Is(err, ErrBadPage) {
			t.Errorf("PageLinks(page %d, perPage %d, total %d) error = %v, want ErrBadPage", bad[0], bad[1], bad[2], err)
		}
	}
}

// TestParseRFC8288Examples uses the examples of RFC 8288 section 3.5.
func TestParseRFC8288Examples(t *testing.T) {
	tests := []struct {
		in   string
		want []Link
	}{
		{`<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter"`,
			[]Link{{"http://example.com/TheBook/chapter2", []string{"previous"}, map[string]string{"title": "previous chapter"}}}},
		{`</>; rel="http://example.net/foo"`,
			[]Link{{"/", []string{"http://example.net/foo"}, map[string]string{}}}},
		{`</terms>; rel="copyright"; anchor="#foo"`,
			[]Link{{"/terms", []string{"copyright"}, map[string]string{"anchor": "#foo"}}}},
		{`</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel`,
			[]Link{
				{"/TheBook/chapter2", []string{"previous"}, map[string]string{"title*": "UTF-8'de'letztes%20Kapitel"}},
				{"/TheBook/chapter4", []string{"next"}, map[string]string{"title*": "UTF-8'de'n%c3%a4chstes%20Kapitel"}},
			}},
		{`<http://example.org/>; rel="start http://example.net/relation/other"`,
			[]Link{{"http://example.org/", []string{"start", "http://example.net/relation/other"}, map[string]string{}}}},
		{`<https://example.org/>; rel="start", <https://example.org/index>; rel="index"`,
			[]Link{
				{"https://example.org/", []string{"start"}, map[string]string{}},
				{"https://example.org/index", []string{"index"}, map[string]string{}},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseLinkHeader(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseLinkHeader(%s) =\n  %#v, %v\nwant\n  %#v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseEdgeCases(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Link
	}{
		{"empty header", ``, nil},
		{"comma inside the URI", `</a?ids=1,2>; rel=next`,
			[]Link{{"/a?ids=1,2", []string{"next"}, map[string]string{}}}},
		{"comma and semicolon inside a quoted title", `</a>; title="one, two; three"; rel="next", </b>; rel=prev`,
			[]Link{{"/a", []string{"next"}, map[string]string{"title": "one, two; three"}}, {"/b", []string{"prev"}, map[string]string{}}}},
		{"escaped quote", `</a>; rel=next; title="say \"hi\""`,
			[]Link{{"/a", []string{"next"}, map[string]string{"title": `say "hi"`}}}},
		{"case and spacing", "</a> ;REL = \"Next\" ;  Type=\"text/html\"\t,</b>;rel=last",
			[]Link{{"/a", []string{"next"}, map[string]string{"type": "text/html"}}, {"/b", []string{"last"}, map[string]string{}}}},
		{"second rel is ignored", `</a>; rel="next"; rel="prev"`,
			[]Link{{"/a", []string{"next"}, map[string]string{}}}},
		{"parameter without value", `</a>; rel=preload; crossorigin`,
			[]Link{{"/a", []string{"preload"}, map[string]string{"crossorigin": ""}}}},
		{"empty elements", `, </a>; rel=next, ,`,
			[]Link{{"/a", []string{"next"}, map[string]string{}}}},
		{"every kind of tchar in names and token values", "</a>; rel=next; Az09!#$%&'*+-.^_`|~=Za90~|`_^.-+*'&%$#!",
			[]Link{{"/a", []string{"next"}, map[string]string{"az09!#$%&'*+-.^_`|~": "Za90~|`_^.-+*'&%$#!"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseLinkHeader(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseLinkHeader(%q) = %#v, %v, want %#v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	for _, in := range []string{
		`http://example.com/; rel=next`,
		`<http://example.com/; rel=next`,
		`</a>; rel="next`,
		`</a> rel=next`,
		`</a>; =x`,
		`</a>; rel=next </b>`,
		`</a>; title="x\`, // a backslash with nothing after it
		`</a>;`,
		`</a>; , </b>`,
		`</a>; rel=next; (x)=1`,
	} {
		t.Run(in, func(t *testing.T) {
			if got, err := ParseLinkHeader(in); !errors.Is(err, ErrMalformed) {
				t.Errorf("ParseLinkHeader(%q) = %#v, %v, want ErrMalformed", in, got, err)
			}
		})
	}
}

// TestRoundTrip: what PageLinks writes, ParseLinkHeader reads back.
func TestRoundTrip(t *testing.T) {
	base, _ := url.Parse("/v2/articles?tag=a,b")
	h, err := PageLinks(base, 2, 10, 30)
	if err != nil {
		t.Fatalf("PageLinks error = %v", err)
	}
	links, err := ParseLinkHeader(h)
	if err != nil {
		t.Fatalf("ParseLinkHeader(%s) error = %v", h, err)
	}
	got := map[string]string{}
	for _, l := range links {
		got[l.Rel[0]] = l.Target
	}
	want := map[string]string{
		"first": "/v2/articles?page=1&per_page=10&tag=a%2Cb", "prev": "/v2/articles?page=1&per_page=10&tag=a%2Cb",
		"next": "/v2/articles?page=3&per_page=10&tag=a%2Cb", "last": "/v2/articles?page=3&per_page=10&tag=a%2Cb",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip of %s = %v, want %v", h, got, want)
	}
}
