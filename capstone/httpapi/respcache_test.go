package httpapi

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"workbook/capstone/lru"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// TestResponseCacheNeverServesStale: two servers over one store, one with
// the read cache and the response cache as main wires them, one with
// neither. After every kind of write made through the cached one, each
// anonymous read answers byte for byte what the uncached one does — and
// repeated reads are served from the response cache.
func TestResponseCacheNeverServesStale(t *testing.T) {
	store := memory.New()
	cached := &service.Cached{Cache: lru.New(1000)}
	cs := service.CachingStore{Store: store, Cached: cached}
	tokens := &Tokens{Secret: []byte("test-secret-test-secret-test-secret"), TTL: time.Hour}
	withCache := New(Config{
		Users: &service.Users{Store: cs, Hasher: service.Bcrypt{Cost: 4}}, Profiles: &service.Profiles{Users: cs, Follows: cs, Cached: cached},
		Articles: &service.Articles{Store: cs}, Comments: &service.Comments{Store: cs, Articles: cs},
		Tokens: tokens, AuthRate: rate.Inf, AuthBurst: 1, ReadVersion: cached.ArticleReadsVersion,
	})
	plain := New(Config{
		Users: &service.Users{Store: store, Hasher: service.Bcrypt{Cost: 4}}, Profiles: &service.Profiles{Users: store, Follows: store},
		Articles: &service.Articles{Store: store}, Comments: &service.Comments{Store: store, Articles: store},
		Tokens: tokens, AuthRate: rate.Inf, AuthBurst: 1,
	})
	jake, ann := register(t, withCache, "jake"), register(t, withCache, "ann")
	reads := []string{"/api/articles", "/api/articles?limit=1", "/api/articles?tag=go", "/api/articles?author=jake",
		"/api/articles?favorited=ann", "/api/articles/dragons", "/api/articles/dragons-2"}
	compare := func(step string) {
		t.Helper()
		for range 2 { // the second read is a response-cache hit
			for _, path := range reads {
				got, want := do(t, withCache, call{method: "GET", path: path}), do(t, plain, call{method: "GET", path: path})
				if got.Code != want.Code || got.Body.String() != want.Body.String() {
					t.Fatalf("after %s: GET %s = %d %s\nthe store says %d %s", step, path, got.Code, got.Body, want.Code, want.Body)
				}
			}
		}
	}
	compare("nothing")
	for _, w := range []struct {
		step string
		c    call
	}{
		{"create", call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Dragons","description":"d","body":"b","tagList":["go"]}}`}},
		{"another", call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Dragons 2","description":"d","body":"b"}}`}},
		{"favorite", call{method: "POST", path: "/api/articles/dragons/favorite", token: ann}},
		{"update", call{method: "PUT", path: "/api/articles/dragons", token: jake, body: `{"article":{"body":"new body","tagList":["rust"]}}`}},
		{"rename the author", call{method: "PUT", path: "/api/user", token: jake, body: `{"user":{"bio":"I train dragons"}}`}},
		{"unfavorite", call{method: "DELETE", path: "/api/articles/dragons/favorite", token: ann}},
		{"delete", call{method: "DELETE", path: "/api/articles/dragons-2", token: jake}},
	} {
		if r := do(t, withCache, w.c); r.Code >= 300 {
			t.Fatalf("%s: %d %s", w.step, r.Code, r.Body)
		}
		compare(w.step)
	}
	if hits := cached.Stats().Hits; hits == 0 {
		t.Error("the read cache was never hit: the comparison did not exercise it")
	}
	if n := withCache.responses.kept.Len(); n == 0 {
		t.Error("the response cache kept nothing")
	}
}
