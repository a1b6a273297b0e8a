package groups

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// tag returns middleware that appends name to the X-Trace response header
// on the way in, so the header spells the order middleware ran in.
func tag(name string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("X-Trace", name)
			next.ServeHTTP(w, r)
		})
	}
}

func reply(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("X-Trace", "handler")
		_, _ = w.Write([]byte(body))
	})
}

// newAPI builds the tree most tests use:
//
//	/api                  mw: log
//	  /v1                 mw: deprecated
//	    GET /articles
//	    POST /articles    route mw: auth
//	  /v2                 (none)
//	    GET /articles
//	    /admin            mw: admin
//	      DELETE /articles/{slug}
//	  GET /health
func newAPI() *Group {
	api := NewGroup("/api", tag("log"))
	v1 := api.Group("/v1", tag("deprecated"))
	v1.Handle("GET", "/articles", reply("v1 list"))
	v1.Handle("POST", "/articles", reply("v1 create"), tag("auth"))
	v2 := api.Group("/v2/")
	v2.Handle("GET", "articles", reply("v2 list"))
	admin := v2.Group("admin", tag("admin"))
	admin.Handle("DELETE", "/articles/{slug}", reply("v2 delete"))
	api.Handle("GET", "/health", reply("ok"))
	return api
}

func TestRoutesJoinsPrefixes(t *testing.T) {
	want := []Route{
		{"GET", "/api/v1/articles"},
		{"POST", "/api/v1/articles"},
		{"GET", "/api/v2/articles"},
		{"DELETE", "/api/v2/admin/articles/{slug}"},
		{"GET", "/api/health"},
	}
	// Every group of a tree sees the same table, whichever one is asked.
	api := newAPI()
	if got := api.Routes(); !slices.Equal(got, want) {
		t.Errorf("Routes() = %v, want %v", got, want)
	}
}

func TestPrefixSlashesAreNormalized(t *testing.T) {
	tests := []struct {
		name, root, child, pattern, want string
	}{
		{"plain", "/api", "/v1", "/articles", "/api/v1/articles"},
		{"trailing slashes", "/api/", "/v1/", "/articles/", "/api/v1/articles"},
		{"missing slashes", "api", "v1", "articles", "/api/v1/articles"},
		{"doubled slashes", "//api", "//v1//", "//articles", "/api/v1/articles"},
		{"empty root", "", "/v1", "/articles", "/v1/articles"},
		{"root slash", "/", "/", "/", "/"},
		{"empty child", "/api", "", "/articles", "/api/articles"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGroup(tc.root)
			g.Group(tc.child).Handle("GET", tc.pattern, reply(""))
			got := g.Routes()
			if len(got) != 1 || got[0].Path != tc.want {
				t.Errorf("NewGroup(%q).Group(%q).Handle(GET, %q) gives routes %v, want path %q", tc.root, tc.child, tc.pattern, got, tc.want)
			}
		})
	}
}

func TestMiddlewareOrder(t *testing.T) {
	tests := []struct {
		method, path string
		wantStatus   int
		wantBody     string
		wantTrace    string // middleware run, in order
	}{
		{"GET", "/api/v1/articles", 200, "v1 list", "log,deprecated,handler"},
		{"POST", "/api/v1/articles", 200, "v1 create", "log,deprecated,auth,handler"},
		{"GET", "/api/v2/articles", 200, "v2 list", "log,handler"},
		{"DELETE", "/api/v2/admin/articles/go", 200, "v2 delete", "log,admin,handler"},
		{"GET", "/api/health", 200, "ok", "log,handler"},
		{"GET", "/api/v3/articles", 404, "", ""},
		{"PUT", "/api/v1/articles", 405, "", ""},
	}
	mux := newAPI().Mux()
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.wantStatus {
				t.Fatalf("%s %s answered %d, want %d", tc.method, tc.path, rec.Code, tc.wantStatus)
			}
			if tc.wantStatus != 200 {
				return
			}
			if got := rec.Body.String(); got != tc.wantBody {
				t.Errorf("%s %s body = %q, want %q", tc.method, tc.path, got, tc.wantBody)
			}
			if got := strings.Join(rec.Header().Values("X-Trace"), ","); got != tc.wantTrace {
				t.Errorf("%s %s ran %q, want %q", tc.method, tc.path, got, tc.wantTrace)
			}
		})
	}
}

// TestSiblingGroupsDoNotShareMiddleware catches the append-aliasing bug:
// two children of one parent must not overwrite each other's middleware.
func TestSiblingGroupsDoNotShareMiddleware(t *testing.T) {
	root := NewGroup("/", tag("a"))
	// Growing a slice one append at a time leaves spare capacity (1 → 2 →
	// 4), so children of parent would share one backing array if Group
	// appended to the parent's slice in place.
	parent := root.Group("", tag("b")).Group("", tag("c"))
	left := parent.Group("/left", tag("left"))
	right := parent.Group("/right", tag("right"))
	left.Handle("GET", "/x", reply("L"))
	right.Handle("GET", "/x", reply("R"))

	mux := root.Mux()
	for path, want := range map[string]string{"/left/x": "a,b,c,left,handler", "/right/x": "a,b,c,right,handler"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := strings.Join(rec.Header().Values("X-Trace"), ","); got != want {
			t.Errorf("GET %s ran %q, want %q", path, got, want)
		}
	}
}

func TestRootRouteIsExact(t *testing.T) {
	g := NewGroup("/")
	g.Handle("GET", "/", reply("home"))
	mux := g.Mux()
	for path, want := range map[string]int{"/": 200, "/anything": 404} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("GET %s answered %d, want %d (a route for \"/\" must not catch every path)", path, rec.Code, want)
		}
	}
}

// TestChildAddsMiddlewareToBareParent: a parent with no middleware of its
// own, a child with some.
func TestChildAddsMiddlewareToBareParent(t *testing.T) {
	root := NewGroup("/api")
	child := root.Group("/v1", tag("one"), tag("two"))
	child.Group("/deep", tag("three")).Handle("GET", "/x", reply("x"), tag("route"))
	root.Handle("GET", "/y", reply("y"))

	mux := root.Mux()
	for path, want := range map[string]string{"/api/v1/deep/x": "one,two,three,route,handler", "/api/y": "handler"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := strings.Join(rec.Header().Values("X-Trace"), ","); rec.Code != 200 || got != want {
			t.Errorf("GET %s answered %d and ran %q, want 200 and %q", path, rec.Code, got, want)
		}
	}
}
