package httpapi

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestArticleEndpoints(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 4096 })
	jake, ann := register(t, s, "jake"), register(t, s, "ann")
	create := `{"article":{"title":"How to train your dragon","description":"Ever wonder how?","body":"Very carefully.","tagList":["training","dragons"]}}`
	w := do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: create})
	if w.Code != http.StatusCreated {
		t.Fatalf("create = %d %s, want 201", w.Code, w.Body)
	}
	a := decodeJSON[articleResponse](t, w).Article
	if a.Slug != "how-to-train-your-dragon" || strings.Join(a.TagList, ",") != "dragons,training" || a.Author.Username != "jake" {
		t.Errorf("created article = %+v, want slug how-to-train-your-dragon, sorted tags, author jake", a)
	}
	// The RealWorld suite requires fractional seconds.
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$`)
	if !stamp.MatchString(a.CreatedAt) || !stamp.MatchString(a.UpdatedAt) {
		t.Errorf("timestamps = %q, %q; want RFC 3339 with fractional seconds", a.CreatedAt, a.UpdatedAt)
	}

	slug := "/api/articles/how-to-train-your-dragon"
	runTable(t, s, []call{
		{"list 200", "GET", "/api/articles", "", "", "", 200},
		{"list by tag 200", "GET", "/api/articles?tag=dragons&limit=5&offset=0", "", "", "", 200},
		{"list limit not a number 422", "GET", "/api/articles?limit=ten", "", "", "", 422},
		{"list limit zero 422", "GET", "/api/articles?limit=0", "", "", "", 422},
		{"list limit too big 422", "GET", "/api/articles?limit=1000", "", "", "", 422},
		{"list negative offset 422", "GET", "/api/articles?offset=-1", "", "", "", 422},
		{"list deepest offset 200", "GET", "/api/articles?offset=10000", "", "", "", 200},
		{"list offset beyond the cap 422", "GET", "/api/articles?offset=10001", "", "", "", 422},
		{"feed offset beyond the cap 422", "GET", "/api/articles/feed?offset=99980", ann, "", "", 422},
		{"feed 200", "GET", "/api/articles/feed", ann, "", "", 200},
		{"feed no token 401", "GET", "/api/articles/feed", "", "", "", 401},
		{"feed bad limit 422", "GET", "/api/articles/feed?limit=x", ann, "", "", 422},
		{"create no token 401", "POST", "/api/articles", "", create, "", 401},
		{"create blank title 422", "POST", "/api/articles", jake, `{"article":{"title":" ","description":"d","body":"b"}}`, "", 422},
		{"create without envelope 422", "POST", "/api/articles", jake, `{"title":"t"}`, "", 422},
		{"create tagList not array 422", "POST", "/api/articles", jake, `{"article":{"title":"t","description":"d","body":"b","tagList":"x"}}`, "", 422},
		{"create malformed 400", "POST", "/api/articles", jake, `{"article":{"title":}}`, "", 400},
		{"create wrong content type 415", "POST", "/api/articles", jake, create, "text/plain", 415},
		{"create oversized 413", "POST", "/api/articles", jake, `{"article":{"body":"` + strings.Repeat("x", 5000) + `"}}`, "", 413},
		{"get 200", "GET", slug, "", "", "", 200},
		{"get with token 200", "GET", slug, ann, "", "", 200},
		{"get unknown 404", "GET", "/api/articles/no-such-article", "", "", "", 404},
		{"update no token 401", "PUT", slug, "", `{"article":{"body":"x"}}`, "", 401},
		{"update by another user 403", "PUT", slug, ann, `{"article":{"body":"x"}}`, "", 403},
		{"update unknown 404", "PUT", "/api/articles/nope", jake, `{"article":{"body":"x"}}`, "", 404},
		{"update nothing 422", "PUT", slug, jake, `{"article":{}}`, "", 422},
		{"update malformed 400", "PUT", slug, jake, `{"article":`, "", 400},
		{"update 200", "PUT", slug, jake, `{"article":{"body":"With two hands"}}`, "", 200},
		{"favorite no token 401", "POST", slug + "/favorite", "", "", "", 401},
		{"favorite unknown 404", "POST", "/api/articles/nope/favorite", ann, "", "", 404},
		{"favorite 200", "POST", slug + "/favorite", ann, "", "", 200},
		{"unfavorite no token 401", "DELETE", slug + "/favorite", "", "", "", 401},
		{"unfavorite unknown 404", "DELETE", "/api/articles/nope/favorite", ann, "", "", 404},
		{"unfavorite 200", "DELETE", slug + "/favorite", ann, "", "", 200},
		{"tags 200", "GET", "/api/tags", "", "", "", 200},
		{"delete no token 401", "DELETE", slug, "", "", "", 401},
		{"delete by another user 403", "DELETE", slug, ann, "", "", 403},
		{"delete unknown 404", "DELETE", "/api/articles/nope", jake, "", "", 404},
		{"delete 204", "DELETE", slug, jake, "", "", 204},
		{"get after delete 404", "GET", slug, "", "", "", 404},
		{"wrong method 405", "PATCH", "/api/articles", jake, "", "", 405},
		{"unknown route 404", "GET", "/api/nothing-here", "", "", "", 404},
	})
}

func TestArticleViewerFields(t *testing.T) {
	s := newTestServer(t)
	jake, ann := register(t, s, "jake"), register(t, s, "ann")
	do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"T","description":"d","body":"b"}}`})
	do(t, s, call{method: "POST", path: "/api/profiles/jake/follow", token: ann})
	w := do(t, s, call{method: "POST", path: "/api/articles/t/favorite", token: ann})
	a := decodeJSON[articleResponse](t, w).Article
	if !a.Favorited || a.FavoritesCount != 1 || !a.Author.Following {
		t.Errorf("favorite as ann = favorited %v, count %d, following %v; want true, 1, true", a.Favorited, a.FavoritesCount, a.Author.Following)
	}
	feed := decodeJSON[articlesResponse](t, do(t, s, call{method: "GET", path: "/api/articles/feed", token: ann}))
	if feed.ArticlesCount != 1 || len(feed.Articles) != 1 {
		t.Errorf("ann's feed = %d articles (count %d), want 1", len(feed.Articles), feed.ArticlesCount)
	}
	anon := decodeJSON[articleResponse](t, do(t, s, call{method: "GET", path: "/api/articles/t"})).Article
	if anon.Favorited || anon.Author.Following || anon.FavoritesCount != 1 {
		t.Errorf("anonymous view = favorited %v, following %v, count %d; want false, false, 1", anon.Favorited, anon.Author.Following, anon.FavoritesCount)
	}
	empty := do(t, s, call{method: "GET", path: "/api/articles?tag=none"})
	if got := strings.TrimSpace(empty.Body.String()); got != `{"articles":[],"articlesCount":0}` {
		t.Errorf("empty list = %s, want {\"articles\":[],\"articlesCount\":0}", got)
	}
}

// TestArticleTitledFeedIsReadable: /api/articles/feed is the feed route, so
// an article titled "Feed" gets another slug and can be read back.
func TestArticleTitledFeedIsReadable(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	w := do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Feed","description":"d","body":"b"}}`})
	if w.Code != http.StatusCreated {
		t.Fatalf("create Feed = %d %s, want 201", w.Code, w.Body)
	}
	a := decodeJSON[articleResponse](t, w).Article
	if a.Slug == "feed" || !strings.HasPrefix(a.Slug, "feed-") {
		t.Fatalf("article titled Feed has slug %q, want feed-<suffix>", a.Slug)
	}
	if got := do(t, s, call{method: "GET", path: "/api/articles/" + a.Slug}); got.Code != http.StatusOK || decodeJSON[articleResponse](t, got).Article.Title != "Feed" {
		t.Errorf("GET /api/articles/%s = %d %s, want 200 with title Feed", a.Slug, got.Code, got.Body)
	}
}

// TestControlCharactersAre422: a NUL (which PostgreSQL text cannot hold) or a
// bidirectional override is refused by validation, before either store.
func TestControlCharactersAre422(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Dragons","description":"d","body":"b"}}`})
	runTable(t, s, []call{
		{"NUL in a title", "POST", "/api/articles", jake, `{"article":{"title":"a\u0000b","description":"d","body":"b"}}`, "", 422},
		{"escape in a description", "POST", "/api/articles", jake, `{"article":{"title":"t","description":"\u001b[31mred","body":"b"}}`, "", 422},
		{"NUL in a tag", "POST", "/api/articles", jake, `{"article":{"title":"t","description":"d","body":"b","tagList":["a\u0000"]}}`, "", 422},
		{"newlines in a body are fine", "POST", "/api/articles", jake, `{"article":{"title":"t","description":"d","body":"line 1\r\nline 2\tend"}}`, "", 201},
		{"NUL in an update", "PUT", "/api/articles/dragons", jake, `{"article":{"body":"\u0000"}}`, "", 422},
		{"NUL in a comment", "POST", "/api/articles/dragons/comments", jake, `{"comment":{"body":"\u0000"}}`, "", 422},
		{"right-to-left override in a username", "POST", "/api/users", "", `{"user":{"username":"ann\u202egpj","email":"ann@example.com","password":"password1"}}`, "", 422},
		{"carriage return in a username", "POST", "/api/users", "", `{"user":{"username":"ann\rx","email":"ann@example.com","password":"password1"}}`, "", 422},
		{"NUL in a bio", "PUT", "/api/user", jake, `{"user":{"bio":"\u0000"}}`, "", 422},
	})
}

// TestConditionalReads: anonymous article and list reads carry a strong
// ETag and answer If-None-Match with 304; a write changes the ETag; reads
// with a token are personal and stay no-store.
func TestConditionalReads(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Dragons","description":"d","body":"b"}}`})
	for _, path := range []string{"/api/articles", "/api/articles/dragons"} {
		first := do(t, s, call{method: "GET", path: path})
		etag := first.Header().Get("ETag")
		if first.Code != 200 || !regexp.MustCompile(`^"[0-9a-f]{16}"$`).MatchString(etag) ||
			first.Header().Get("Cache-Control") != "no-cache" || !slices.Contains(first.Header().Values("Vary"), "Authorization") {
			t.Fatalf("GET %s = %d, ETag %q, Cache-Control %q, Vary %q; want 200, a strong ETag, no-cache, Vary with Authorization",
				path, first.Code, etag, first.Header().Get("Cache-Control"), first.Header().Values("Vary"))
		}
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			req := newRequest("GET", path)
			req.Header.Set("If-None-Match", inm)
			w := newRecorder()
			s.ServeHTTP(w, req)
			if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != etag {
				t.Errorf("GET %s If-None-Match %s = %d with %d bytes, ETag %q; want 304, empty, the same ETag", path, inm, w.Code, w.Body.Len(), w.Header().Get("ETag"))
			}
		}
		req := newRequest("GET", path)
		req.Header.Set("If-None-Match", `"stale"`)
		w := newRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			t.Errorf("GET %s with a stale If-None-Match = %d, want 200", path, w.Code)
		}
		do(t, s, call{method: "POST", path: "/api/articles/dragons/favorite", token: jake})
		if again := do(t, s, call{method: "GET", path: path}); again.Header().Get("ETag") == etag {
			t.Errorf("GET %s after a favourite kept ETag %s; the favourites count changed", path, etag)
		}
		do(t, s, call{method: "DELETE", path: "/api/articles/dragons/favorite", token: jake})
		if mine := do(t, s, call{method: "GET", path: path, token: jake}); mine.Header().Get("ETag") != "" || mine.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s with a token: ETag %q, Cache-Control %q; want none and no-store", path, mine.Header().Get("ETag"), mine.Header().Get("Cache-Control"))
		}
	}
}
