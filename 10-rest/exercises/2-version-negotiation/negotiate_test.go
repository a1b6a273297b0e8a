package negotiate

import (
	"errors"
	"net/http/httptest"
	"testing"
)

var supported = []int{1, 2, 3}

const def = 2

type tc struct {
	name    string
	target  string
	header  map[string]string
	want    Result
	wantErr error
}

func run(t *testing.T, tests []tc) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.target, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			got, err := Negotiate(r, supported, def)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || got.Source != tc.want.Source || got.Version != 0 {
					t.Errorf("Negotiate(%s, %v) = %+v (source %v), %v; want version 0, source %v and %v", tc.target, tc.header, got, got.Source, err, tc.want.Source, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Negotiate(%s, %v) = %+v (source %v), %v, want %+v (source %v)", tc.target, tc.header, got, got.Source, err, tc.want, tc.want.Source)
			}
		})
	}
}

func TestEachSource(t *testing.T) {
	run(t, []tc{
		{"path", "/v1/articles", nil, Result{1, SourcePath, "/articles"}, nil},
		{"path, nested", "/v3/articles/dragons/comments", nil, Result{3, SourcePath, "/articles/dragons/comments"}, nil},
		{"path, bare version", "/v1", nil, Result{1, SourcePath, "/"}, nil},
		{"path, trailing slash", "/v1/", nil, Result{1, SourcePath, "/"}, nil},
		{"query", "/articles?version=1", nil, Result{1, SourceQuery, "/articles"}, nil},
		{"query with v prefix", "/articles?version=v3", nil, Result{3, SourceQuery, "/articles"}, nil},
		{"header", "/articles", map[string]string{"API-Version": "3"}, Result{3, SourceHeader, "/articles"}, nil},
		{"header with spaces", "/articles", map[string]string{"API-Version": " v1 "}, Result{1, SourceHeader, "/articles"}, nil},
		{"accept", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json"}, Result{1, SourceAccept, "/articles"}, nil},
		{"accept among others", "/articles", map[string]string{"Accept": "text/html, application/vnd.workbook.v3+json; charset=utf-8, */*;q=0.1"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, highest q wins", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0.5, application/vnd.workbook.v3+json;q=0.9"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept skips unsupported when another fits", "/articles", map[string]string{"Accept": "application/vnd.workbook.v9+json, application/vnd.workbook.v1+json;q=0.2"}, Result{1, SourceAccept, "/articles"}, nil},
		{"accept, first wins a tie", "/articles", map[string]string{"Accept": "application/vnd.workbook.v3+json;q=0.5, application/vnd.workbook.v1+json;q=0.5"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, first wins a tie at the default q", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json, application/vnd.workbook.v3+json;q=1"}, Result{1, SourceAccept, "/articles"}, nil},
		{"accept, q=1.000 beats q=0.999", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0.999, application/vnd.workbook.v3+json;q=1.000"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, the smallest q is still a yes", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0.001"}, Result{1, SourceAccept, "/articles"}, nil},
		{"accept q=0 is a refusal", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0"}, Result{def, SourceDefault, "/articles"}, nil},
		{"accept q=0.000 is a refusal", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0.000"}, Result{def, SourceDefault, "/articles"}, nil},
		{"accept, q above 1 is not a qvalue", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=2, application/vnd.workbook.v3+json;q=0.5"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, q out of float range is not a qvalue", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=1e999, application/vnd.workbook.v3+json;q=0.5"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, q with four decimals is not a qvalue", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0.9999, application/vnd.workbook.v3+json;q=0.5"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, a range with a parameter without = is ignored", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q, application/vnd.workbook.v3+json;q=0.5"}, Result{3, SourceAccept, "/articles"}, nil},
		{"accept, only a malformed vendor range falls through", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;=x"}, Result{def, SourceDefault, "/articles"}, nil},
		{"accept, only a bad qvalue falls through", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=high"}, Result{def, SourceDefault, "/articles"}, nil},
		{"plain json accept", "/articles", map[string]string{"Accept": "application/json"}, Result{def, SourceDefault, "/articles"}, nil},
		{"default", "/articles", nil, Result{def, SourceDefault, "/articles"}, nil},
		{"not a version segment", "/videos/v1", nil, Result{def, SourceDefault, "/videos/v1"}, nil},
		{"v-word is not a version", "/v1beta/articles", nil, Result{def, SourceDefault, "/v1beta/articles"}, nil},
	})
}

// TestPrecedence: path > query > header > Accept > default. The winner
// decides even when a lower source disagrees or is malformed.
func TestPrecedence(t *testing.T) {
	acceptV1 := "application/vnd.workbook.v1+json"
	run(t, []tc{
		{"path beats query", "/v1/articles?version=3", nil, Result{1, SourcePath, "/articles"}, nil},
		{"path beats header and Accept", "/v3/articles", map[string]string{"API-Version": "1", "Accept": acceptV1}, Result{3, SourcePath, "/articles"}, nil},
		{"query beats header", "/articles?version=3", map[string]string{"API-Version": "1"}, Result{3, SourceQuery, "/articles"}, nil},
		{"query beats Accept", "/articles?version=3", map[string]string{"Accept": acceptV1}, Result{3, SourceQuery, "/articles"}, nil},
		{"header beats Accept", "/articles", map[string]string{"API-Version": "3", "Accept": acceptV1}, Result{3, SourceHeader, "/articles"}, nil},
		{"malformed lower sources are ignored", "/v1/articles?version=banana", map[string]string{"API-Version": "x", "Accept": "application/vnd.workbook.v9+json"}, Result{1, SourcePath, "/articles"}, nil},
		{"malformed header ignored under a good query", "/articles?version=1", map[string]string{"API-Version": "x"}, Result{1, SourceQuery, "/articles"}, nil},
	})
}

func TestErrors(t *testing.T) {
	run(t, []tc{
		{"unsupported path version", "/v9/articles", nil, Result{Source: SourcePath}, ErrUnsupported},
		{"path version zero", "/v0/articles", nil, Result{Source: SourcePath}, ErrUnsupported},
		{"unsupported query version", "/articles?version=4", nil, Result{Source: SourceQuery}, ErrUnsupported},
		{"malformed query", "/articles?version=two", nil, Result{Source: SourceQuery}, ErrMalformed},
		{"empty query", "/articles?version=", nil, Result{Source: SourceQuery}, ErrMalformed},
		{"decimal query", "/articles?version=2.0", nil, Result{Source: SourceQuery}, ErrMalformed},
		{"negative header", "/articles", map[string]string{"API-Version": "-1"}, Result{Source: SourceHeader}, ErrMalformed},
		{"huge header", "/articles", map[string]string{"API-Version": "99999999999999999999"}, Result{Source: SourceHeader}, ErrMalformed},
		{"unsupported header", "/articles", map[string]string{"API-Version": "7"}, Result{Source: SourceHeader}, ErrUnsupported},
		{"only unsupported vendor types", "/articles", map[string]string{"Accept": "application/vnd.workbook.v8+json, application/vnd.workbook.v9+json"}, Result{Source: SourceAccept}, ErrNotAcceptable},
		{"unsupported vendor type beside a refused supported one", "/articles", map[string]string{"Accept": "application/vnd.workbook.v1+json;q=0, application/vnd.workbook.v9+json"}, Result{Source: SourceAccept}, ErrNotAcceptable},
		{"malformed header with a v but no digits", "/articles", map[string]string{"API-Version": "v"}, Result{Source: SourceHeader}, ErrMalformed},
		{"leading zero", "/articles?version=01", nil, Result{Source: SourceQuery}, ErrMalformed},
		{"seven digits", "/articles?version=1000000", nil, Result{Source: SourceQuery}, ErrMalformed},
	})
}
