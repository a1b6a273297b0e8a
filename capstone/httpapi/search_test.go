package httpapi

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"workbook/capstone/bleve"
	"workbook/capstone/inprocess"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// TestSearchEndpoint: GET /api/search finds articles by text, filters by
// tag, pages, highlights with escaping, and refuses bad parameters.
func TestSearchEndpoint(t *testing.T) {
	mem := memory.New()
	idx, err := bleve.New("")
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	jobs := inprocess.New(1000, 2, nil)
	ix := &service.Indexer{Index: idx, Store: mem, Jobs: jobs}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go jobs.Run(ctx, ix.Handle)
	st := service.IndexingStore{Store: mem, Indexer: ix}
	s := New(Config{
		Users: &service.Users{Store: st, Hasher: service.Bcrypt{Cost: 4}}, Profiles: &service.Profiles{Users: st, Follows: st},
		Articles: &service.Articles{Store: st}, Comments: &service.Comments{Store: st, Articles: st},
		Search: &service.Search{Index: idx, Store: mem},
		Tokens: &Tokens{Secret: []byte("test-secret-test-secret-test-secret"), TTL: time.Hour}, AuthRate: rate.Inf, AuthBurst: 1,
	})
	jake := register(t, s, "jake")
	for _, body := range []string{
		`{"article":{"title":"How to train your dragon","description":"Ever wonder how?","body":"Very <b>carefully</b>.","tagList":["dragons"]}}`,
		`{"article":{"title":"Dragon food","description":"menu","body":"sheep","tagList":["dragons","food"]}}`,
		`{"article":{"title":"Go errors","description":"wrapping","body":"errors.Is","tagList":["go"]}}`,
	} {
		if w := do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: body}); w.Code != 201 {
			t.Fatalf("create = %d %s", w.Code, w.Body)
		}
	}
	jobs.Wait()
	w := do(t, s, call{method: "GET", path: "/api/search?q=dragons"})
	got := decodeJSON[searchResponse](t, w)
	if w.Code != 200 || got.ResultsCount != 2 || len(got.Results) != 2 {
		t.Fatalf("q=dragons = %d %s; want the 2 dragon articles", w.Code, w.Body)
	}
	for _, r := range got.Results {
		if h := strings.ToLower(strings.Join(r.Highlights["title"], "")); !strings.Contains(h, "<mark>dragon</mark>") || r.Score <= 0 {
			t.Errorf("%s: title highlight %q, score %v; want <mark>dragon</mark> (stemmed) and a score", r.Article.Slug, h, r.Score)
		}
	}
	if len(got.Tags) == 0 || got.Tags[0].Tag != "dragons" || got.Tags[0].Count != 2 {
		t.Errorf("tags facet %v, want dragons: 2 first", got.Tags)
	}
	w = do(t, s, call{method: "GET", path: "/api/search?q=carefully"})
	if body := w.Body.String(); strings.Contains(body, "<b>") || !strings.Contains(body, `\u003cmark\u003ecarefully\u003c/mark\u003e`) {
		t.Errorf("q=carefully = %s; want the match marked and the article's own <b> escaped", body)
	}
	if w := do(t, s, call{method: "GET", path: "/api/search?tag=food"}); decodeJSON[searchResponse](t, w).ResultsCount != 1 {
		t.Errorf("tag=food = %s, want 1 result", w.Body)
	}
	if got := decodeJSON[searchResponse](t, do(t, s, call{method: "GET", path: "/api/search?limit=1&offset=1"})); got.ResultsCount != 3 || len(got.Results) != 1 {
		t.Errorf("limit=1 offset=1 = %d of %d, want 1 of 3", len(got.Results), got.ResultsCount)
	}
	runTable(t, s, []call{
		{"limit too big 422", "GET", "/api/search?limit=51", "", "", "", 422},
		{"offset too deep 422", "GET", "/api/search?offset=1001", "", "", "", 422},
		{"limit not a number 422", "GET", "/api/search?limit=x", "", "", "", 422},
		{"q too long 422", "GET", "/api/search?q=" + strings.Repeat("x", 201), "", "", "", 422},
		{"wrong method 405", "POST", "/api/search", "", "", "", 405},
	})
}
