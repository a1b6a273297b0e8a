package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestVersionPrecedence pins the documented rule: path > query > header >
// Accept > default. Each row names versions in several places at once.
func TestVersionPrecedence(t *testing.T) {
	const v1Accept = "application/vnd.workbook.v1+json"
	tests := []struct {
		name    string
		path    string
		header  map[string]string
		want    string // API-Version response header
		wantV1  bool   // body in the v1 shape ("articles") rather than the v2 envelope ("data")
		wantCT  string
		wantVar bool // Vary: Accept, API-Version expected
	}{
		{"default", "/articles", nil, "2", false, "application/json", true},
		{"path only", "/v1/articles", nil, "1", true, "application/json", false},
		{"path beats query", "/v1/articles?version=2", nil, "1", true, "application/json", false},
		{"path beats header", "/v2/articles", map[string]string{"API-Version": "1"}, "2", false, "application/json", false},
		{"query beats header", "/articles?version=1", map[string]string{"API-Version": "2"}, "1", true, "application/json", true},
		{"query beats Accept", "/articles?version=2", map[string]string{"Accept": v1Accept}, "2", false, "application/json", true},
		{"header beats Accept", "/articles", map[string]string{"API-Version": "2", "Accept": v1Accept}, "2", false, "application/json", true},
		{"Accept alone", "/articles", map[string]string{"Accept": "text/html, " + v1Accept + ";q=0.9"}, "1", true, v1Accept, true},
		{"Accept q=0 is a refusal", "/articles", map[string]string{"Accept": v1Accept + ";q=0"}, "2", false, "application/json", true},
		{"query accepts v-prefix", "/articles?version=v1", nil, "1", true, "application/json", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, newTestServer(t), req{path: tc.path, header: tc.header})
			if w.Code != 200 || w.Header().Get("API-Version") != tc.want {
				t.Fatalf("GET %s %v = %d API-Version %q, want 200 and version %s", tc.path, tc.header, w.Code, w.Header().Get("API-Version"), tc.want)
			}
			var body map[string]json.RawMessage
			_ = json.Unmarshal(w.Body.Bytes(), &body)
			if _, v1 := body["articles"]; v1 != tc.wantV1 {
				t.Errorf("GET %s %v body keys %v, want the v%s shape", tc.path, tc.header, keys(body), tc.want)
			}
			if ct := w.Header().Get("Content-Type"); ct != tc.wantCT {
				t.Errorf("Content-Type = %q, want %q", ct, tc.wantCT)
			}
			if got := strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "API-Version"); got != tc.wantVar {
				t.Errorf("Vary = %q; want API-Version in it: %v", w.Header().Values("Vary"), tc.wantVar)
			}
		})
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestV1IsDeprecated(t *testing.T) {
	w := do(t, newTestServer(t), req{path: "/v1/articles/how-to-train-your-dragon"})
	if w.Code != 200 || w.Header().Get("Deprecation") != v1DeprecatedAt || w.Header().Get("Sunset") != v1Sunset ||
		!strings.Contains(w.Header().Get("Link"), `rel="successor-version"`) {
		t.Errorf("GET /v1/... = %d %v, want 200 with Deprecation, Sunset and a successor-version Link", w.Code, w.Header())
	}
	if !strings.Contains(w.Body.String(), `"article"`) || strings.Contains(w.Body.String(), `"links"`) {
		t.Errorf("v1 body = %s, want the v1 shape {\"article\": ...} without links", w.Body)
	}
}

// TestPagination checks the envelope's meta and links and the RFC 8288
// Link header on a list of 6 visible articles, 2 per page.
func TestPagination(t *testing.T) {
	h := newTestServer(t)
	tests := []struct {
		query      string
		wantSlugs  int
		wantLinks  []string // rels in the Link header, in order
		wantNext   string
		totalPages int
	}{
		{"?per_page=2", 2, []string{"first", "next", "last"}, "/v2/articles?page=2&per_page=2", 3},
		{"?per_page=2&page=2", 2, []string{"first", "prev", "next", "last"}, "/v2/articles?page=3&per_page=2", 3},
		{"?per_page=2&page=3", 2, []string{"first", "prev", "last"}, "", 3},
		{"?per_page=2&page=9", 0, []string{"first", "prev", "last"}, "", 3},
		{"?per_page=2&tag=api", 2, []string{"first", "next", "last"}, "/v2/articles?page=2&per_page=2&tag=api", 2},
		{"?tag=nothing", 0, []string{"first", "last"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			w := do(t, h, req{path: "/v2/articles" + tc.query})
			var env struct {
				Data  []articleV2       `json:"data"`
				Meta  pageMeta          `json:"meta"`
				Links map[string]string `json:"links"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil || w.Code != 200 {
				t.Fatalf("GET /v2/articles%s = %d %s", tc.query, w.Code, w.Body)
			}
			if len(env.Data) != tc.wantSlugs || env.Meta.TotalPages != tc.totalPages || env.Links["next"] != tc.wantNext {
				t.Errorf("GET /v2/articles%s: %d items, meta %+v, next %q; want %d items, %d pages, next %q",
					tc.query, len(env.Data), env.Meta, env.Links["next"], tc.wantSlugs, tc.totalPages, tc.wantNext)
			}
			var rels []string
			for _, part := range strings.Split(w.Header().Get("Link"), ", ") {
				_, rel, _ := strings.Cut(part, `rel="`)
				rels = append(rels, strings.TrimSuffix(rel, `"`))
			}
			if !slices.Equal(rels, tc.wantLinks) {
				t.Errorf("Link header %q has rels %v, want %v", w.Header().Get("Link"), rels, tc.wantLinks)
			}
			if tc.wantNext != "" && !strings.Contains(w.Header().Get("Link"), "<"+tc.wantNext+`>; rel="next"`) {
				t.Errorf("Link header %q lacks <%s>; rel=\"next\"", w.Header().Get("Link"), tc.wantNext)
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	h := newTestServer(t)
	const path = "/v2/articles/how-to-train-your-dragon"
	first := do(t, h, req{path: path})
	etag := first.Header().Get("ETag")
	if first.Code != 200 || etag == "" {
		t.Fatalf("GET %s = %d with ETag %q, want 200 with an ETag", path, first.Code, etag)
	}
	tests := []struct {
		name, ifNoneMatch string
		want              int
	}{
		{"same tag", etag, 304},
		{"weak form of the tag matches (weak comparison)", "W/" + etag, 304},
		{"in a list", `"other", ` + etag, 304},
		{"star", "*", 304},
		{"different tag", `"other"`, 200},
		{"unquoted tag", strings.Trim(etag, `"`), 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, h, req{path: path, header: map[string]string{"If-None-Match": tc.ifNoneMatch}})
			if w.Code != tc.want {
				t.Fatalf("GET with If-None-Match %q = %d, want %d", tc.ifNoneMatch, w.Code, tc.want)
			}
			if tc.want == 304 && (w.Body.Len() != 0 || w.Header().Get("ETag") != etag) {
				t.Errorf("304 has body %q and ETag %q, want no body and ETag %s", w.Body, w.Header().Get("ETag"), etag)
			}
		})
	}
	// A change produces a new ETag, so the old one no longer gives 304.
	do(t, h, req{method: "PUT", path: path, body: `{"article": {"title": "How to train your dragon", "body": "Revised."}}`, header: jake})
	if w := do(t, h, req{path: path, header: map[string]string{"If-None-Match": etag}}); w.Code != 200 {
		t.Errorf("GET after an update with the old ETag = %d, want 200 with the new representation", w.Code)
	}
	// The representation differs per version, so does the ETag.
	v1 := do(t, h, req{path: "/v1/articles/how-to-train-your-dragon"})
	if v1.Header().Get("ETag") == do(t, h, req{path: path}).Header().Get("ETag") {
		t.Error("v1 and v2 representations share an ETag; a cache would serve one for the other")
	}
}

// TestHypermedia: the links an article carries follow its state and the viewer.
func TestHypermedia(t *testing.T) {
	tests := []struct {
		name, slug string
		header     map[string]string
		want       []string
	}{
		{"draft, its author", "draft-hateoas-in-practice", jake, []string{"author", "delete", "edit", "publish", "self"}},
		{"published, its author", "how-to-train-your-dragon", jake, []string{"archive", "author", "delete", "edit", "related", "self"}},
		{"archived, its author", "what-came-before-http-2", jake, []string{"author", "delete", "edit", "related", "self"}},
		{"published, another user", "how-to-train-your-dragon", ann, []string{"author", "related", "self"}},
		{"published, anonymous", "how-to-train-your-dragon", nil, []string{"author", "related", "self"}},
	}
	h := newTestServer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, h, req{path: "/v2/articles/" + tc.slug, header: tc.header})
			var env struct{ Data articleV2 }
			_ = json.Unmarshal(w.Body.Bytes(), &env)
			var got []string
			for rel := range env.Data.Links {
				got = append(got, rel)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("GET %s links = %v, want %v", tc.slug, got, tc.want)
			}
		})
	}

	// Following the links works: publish the draft, then its links change.
	w := do(t, h, req{path: "/v2/articles/draft-hateoas-in-practice", header: jake})
	var env struct{ Data articleV2 }
	_ = json.Unmarshal(w.Body.Bytes(), &env)
	pub := env.Data.Links["publish"]
	w = do(t, h, req{method: pub.Method, path: pub.Href, header: jake})
	env.Data = articleV2{}
	_ = json.Unmarshal(w.Body.Bytes(), &env)
	if w.Code != 200 || env.Data.Status != statusPublished || env.Data.Links["archive"].Href == "" || env.Data.Links["publish"].Href != "" {
		t.Errorf("following publish = %d, status %s, links %v; want 200, published, archive offered, publish gone", w.Code, env.Data.Status, env.Data.Links)
	}
}

// TestDiscoverability walks from / to an article using only links.
func TestDiscoverability(t *testing.T) {
	h := newTestServer(t)
	w := do(t, h, req{path: "/"})
	var root struct {
		Links map[string]link `json:"links"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &root); err != nil || root.Links["articles"].Href == "" {
		t.Fatalf("GET / = %d %s, want links including articles", w.Code, w.Body)
	}
	w = do(t, h, req{path: root.Links["articles"].Href})
	var list struct {
		Data []articleV2 `json:"data"`
	}
	_ = json.Unmarshal(w.Body.Bytes(), &list)
	if len(list.Data) == 0 {
		t.Fatalf("GET %s = %d %s, want articles", root.Links["articles"].Href, w.Code, w.Body)
	}
	for _, rel := range []string{"self", "author"} {
		href := list.Data[0].Links[rel].Href
		if w := do(t, h, req{path: href}); w.Code != 200 {
			t.Errorf("following %s link %s = %d, want 200", rel, href, w.Code)
		}
	}
	// Every problem type is documented at its URI.
	for name := range problemTypes {
		if w := do(t, h, req{path: "/problems/" + name}); w.Code != 200 {
			t.Errorf("GET /problems/%s = %d, want 200", name, w.Code)
		}
	}
}

func TestCreateReturnsLocation(t *testing.T) {
	h := newTestServer(t)
	w := do(t, h, req{method: "POST", path: "/articles", body: validArticle, header: jake}) // unversioned → v2
	loc := w.Header().Get("Location")
	if w.Code != 201 || loc != "/v2/articles/status-codes-consistently" {
		t.Fatalf("POST /articles = %d Location %q, want 201 and /v2/articles/status-codes-consistently", w.Code, loc)
	}
	if w := do(t, h, req{path: loc, header: jake}); w.Code != 200 || !strings.Contains(w.Body.String(), `"status": "draft"`) {
		t.Errorf("GET %s = %d %s, want the new draft", loc, w.Code, w.Body)
	}
	if w := do(t, h, req{path: loc}); w.Code != 404 {
		t.Errorf("GET %s anonymously = %d, want 404: drafts are their author's", loc, w.Code)
	}
}
