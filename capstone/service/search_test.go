package service_test

import (
	"context"
	"testing"

	"workbook/capstone/bleve"
	"workbook/capstone/conduit"
	"workbook/capstone/inprocess"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// searchWorld wires the services over a memory store with an Indexer
// feeding a bleve index, as main does.
type searchWorld struct {
	users    *service.Users
	articles *service.Articles
	search   *service.Search
	indexer  *service.Indexer
	jobs     *inprocess.Queue
}

func newSearchWorld(t *testing.T) searchWorld {
	t.Helper()
	mem := memory.New()
	idx, err := bleve.New("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	jobs := inprocess.New(1000, 2, nil)
	ix := &service.Indexer{Index: idx, Store: mem, Jobs: jobs}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go jobs.Run(ctx, service.Handlers{service.JobIndexArticle: ix.Handle}.Handle)
	st := service.IndexingStore{Store: mem, Indexer: ix}
	return searchWorld{
		users:    &service.Users{Store: st, Hasher: service.Bcrypt{Cost: 4}},
		articles: &service.Articles{Store: st},
		search:   &service.Search{Index: idx, Store: mem},
		indexer:  ix,
		jobs:     jobs,
	}
}

func (w searchWorld) find(t *testing.T, q conduit.SearchQuery) []string {
	t.Helper()
	w.jobs.Wait()
	r, err := w.search.Search(context.Background(), 0, q)
	if err != nil {
		t.Fatalf("Search(%+v) = %v", q, err)
	}
	var slugs []string
	for _, it := range r.Items {
		slugs = append(slugs, it.Article.Slug)
	}
	return slugs
}

// TestIndexingFollowsEveryWrite: created, edited, renamed (title → slug,
// username → author) and deleted articles are found as they are now.
func TestIndexingFollowsEveryWrite(t *testing.T) {
	w := newSearchWorld(t)
	ctx := context.Background()
	ann, err := w.users.Register(ctx, conduit.NewUser{Username: "ann", Email: "ann@example.com", Password: "password1"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := w.articles.CreateArticle(ctx, ann.ID, conduit.NewArticle{Title: "Dragons", Description: "d", Body: "fire and wings", TagList: []string{"myth"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, conduit.SearchQuery{Text: "wings"}); len(got) != 1 || got[0] != a.Slug {
		t.Fatalf("after create: %v, want [%s]", got, a.Slug)
	}
	title, body := "Wyverns", "two legs only"
	if _, err := w.articles.UpdateArticle(ctx, ann.ID, a.Slug, conduit.ArticleUpdate{Title: &title, Body: &body}); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, conduit.SearchQuery{Text: "wings"}); len(got) != 0 {
		t.Errorf("after the edit, q=wings: %v, want none", got)
	}
	if got := w.find(t, conduit.SearchQuery{Text: "legs"}); len(got) != 1 || got[0] != "wyverns" {
		t.Errorf("after the edit, q=legs: %v, want [wyverns] (the new slug)", got)
	}
	name := "annie"
	if _, err := w.users.UpdateUser(ctx, ann.ID, conduit.UserUpdate{Username: &name}); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, conduit.SearchQuery{Author: "annie"}); len(got) != 1 {
		t.Errorf("after the rename, author=annie: %v, want the article", got)
	}
	if got := w.find(t, conduit.SearchQuery{Author: "ann"}); len(got) != 0 {
		t.Errorf("after the rename, author=ann: %v, want none", got)
	}
	if err := w.articles.DeleteArticle(ctx, ann.ID, "wyverns"); err != nil {
		t.Fatal(err)
	}
	if got := w.find(t, conduit.SearchQuery{}); len(got) != 0 {
		t.Errorf("after the delete: %v, want nothing", got)
	}
}

func TestSearchValidates(t *testing.T) {
	w := newSearchWorld(t)
	for _, q := range []conduit.SearchQuery{{Limit: 51}, {Limit: -1}, {Offset: 1001}, {Text: string(make([]byte, 201))}} {
		if _, err := w.search.Search(context.Background(), 0, q); conduit.ErrorCode(err) != conduit.EINVALID {
			t.Errorf("Search(%+v) = %v, want EINVALID", q, err)
		}
	}
}

// TestReindexFillsAnEmptyIndex: the embedded index starts empty on every
// start, and Reindex puts every stored article in it.
func TestReindexFillsAnEmptyIndex(t *testing.T) {
	mem := memory.New()
	ctx := context.Background()
	users := &service.Users{Store: mem, Hasher: service.Bcrypt{Cost: 4}}
	articles := &service.Articles{Store: mem}
	u, _ := users.Register(ctx, conduit.NewUser{Username: "ann", Email: "ann@example.com", Password: "password1"})
	for i := range 150 {
		if _, err := articles.CreateArticle(ctx, u.ID, conduit.NewArticle{Title: "Post " + string(rune('a'+i%26)) + string(rune('a'+i/26)), Description: "d", Body: "needle"}); err != nil {
			t.Fatal(err)
		}
	}
	idx, _ := bleve.New("")
	defer idx.Close()
	ix := &service.Indexer{Index: idx, Store: mem}
	n, err := ix.Reindex(ctx, mem)
	if err != nil || n != 150 {
		t.Fatalf("Reindex = %d, %v; want 150", n, err)
	}
	r, err := (&service.Search{Index: idx, Store: mem}).Search(ctx, 0, conduit.SearchQuery{Text: "needle"})
	if err != nil || r.Total != 150 {
		t.Errorf("after Reindex, q=needle: total %d, %v; want 150", r.Total, err)
	}
}
