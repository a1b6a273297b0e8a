package main

import (
	"workbook/serve/problem"

	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestStoreHammer runs creates, reads, lists, updates, deletes and restores
// from many goroutines at once. Under -race it proves the store has no data
// race; afterwards the audit log must account for every successful write.
func TestStoreHammer(t *testing.T) {
	s := newArticleStore(time.Now)
	const workers, ops = 16, 200
	var wg sync.WaitGroup
	var mu sync.Mutex
	writes := 0
	for w := range workers {
		wg.Go(func() {
			ok := 0
			for i := range ops {
				slug := fmt.Sprintf("article-%d", i%10)
				var err error
				switch (w + i) % 6 {
				case 0:
					var a article
					a, err = newArticle(articleInput{Title: "Article " + fmt.Sprint(i%10), Body: "b"}, "w")
					if err == nil {
						_, err = s.Create("w", a)
					}
				case 1:
					_, err = s.Get(slug)
				case 2:
					s.List(listQuery{Sort: sortKey{Field: "title"}, Limit: 5})
					continue
				case 3:
					_, err = s.Update("w", "patch", slug, nil, func(a *article) error { a.Tags = append(a.Tags, "x"); return nil })
				case 4:
					err = s.Delete("w", slug, nil)
				case 5:
					_, err = s.Restore("w", slug)
				}
				if err == nil && (w+i)%6 != 1 {
					ok++
				}
				if err != nil && !errors.Is(err, errDuplicate) && !errors.Is(err, errNotFound) && !errors.Is(err, errGone) && !errors.Is(err, errNotGone) {
					t.Errorf("unexpected store error: %v", err)
				}
			}
			mu.Lock()
			writes += ok
			mu.Unlock()
		})
	}
	wg.Wait()
	if got := len(s.Audit("")); got != writes {
		t.Errorf("audit log has %d entries, want one per successful write (%d)", got, writes)
	}
	// Each article's version equals the number of audited changes to it.
	for i := range 10 {
		slug := fmt.Sprintf("article-%d", i)
		entries := s.Audit(slug)
		if len(entries) == 0 {
			continue
		}
		if last := entries[len(entries)-1].After; last.Version != len(entries) {
			t.Errorf("%s is at version %d after %d audited changes", slug, last.Version, len(entries))
		}
	}
}

// TestStoreReturnsCopies: mutating what the store hands out must not change
// what it holds.
func TestStoreReturnsCopies(t *testing.T) {
	s := newArticleStore(time.Now)
	a, _ := newArticle(articleInput{Title: "Copy", Body: "b", Tags: []string{"go"}}, "jake")
	got, _ := s.Create("jake", a)
	got.Tags[0] = "mutated"
	again, _ := s.Get("copy")
	if again.Tags[0] != "go" {
		t.Errorf("Get after mutating a returned article gave tags %v, want [go]", again.Tags)
	}
}

// TestMergePatch checks the server's merge patch against a few RFC 7396
// Appendix A cases (exercise 1 has all of them).
func TestMergePatch(t *testing.T) {
	for _, tc := range []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"e":null}`, `{"a":1}`, `{"a":1,"e":null}`},
	} {
		got, err := mergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil || string(got) != tc.want {
			t.Errorf("mergePatch(%s, %s) = %s, %v, want %s", tc.target, tc.patch, got, err, tc.want)
		}
	}
}

// TestSlugsComeFromServeSlug: the server takes its slugs from
// workbook/serve/slug, the same in every chapter — accents folded, not cut
// into hyphens — and a title with no letter or digit is a 422 on its field.
func TestSlugsComeFromServeSlug(t *testing.T) {
	h := newTestServer(t)
	for title, want := range map[string]string{
		"How to Train Your Dragon!": "/articles/how-to-train-your-dragon",
		"  Go 1.25 -- what's new  ": "/articles/go-1-25-what-s-new",
		"Crème brûlée":              "/articles/creme-brulee",
	} {
		w := do(t, h, req{method: "POST", path: "/articles", body: articleBody(title)})
		if w.Code != 201 || w.Header().Get("Location") != want {
			t.Errorf("POST %q = %d, Location %q; want 201 at %s", title, w.Code, w.Header().Get("Location"), want)
		}
	}
	w := do(t, h, req{method: "POST", path: "/articles", body: articleBody("!!!")})
	p := wantProblem(t, w.Code, w.Header(), w.Body.String(), 422, "/articles")
	if len(p.Errors) != 1 || p.Errors[0] != (problem.FieldError{Pointer: "/article/title", Detail: "title must contain a letter or digit"}) {
		t.Errorf("POST \"!!!\" errors = %+v, want one on /article/title", p.Errors)
	}
}
