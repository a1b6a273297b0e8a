package chain

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

// recorder collects the order in which layers run.
type recorder struct{ events []string }

func (r *recorder) layer(name string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			r.events = append(r.events, "→"+name)
			next.ServeHTTP(w, req)
			r.events = append(r.events, "←"+name)
		})
	}
}

func (r *recorder) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r.events = append(r.events, "handler")
		io.WriteString(w, "ok")
	})
}

func serve(h http.Handler) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	return w
}

func TestChainOrder(t *testing.T) {
	for _, tc := range []struct {
		name   string
		layers []string
		want   []string
	}{
		{"no middleware", nil, []string{"handler"}},
		{"one", []string{"a"}, []string{"→a", "handler", "←a"}},
		{"three", []string{"a", "b", "c"}, []string{"→a", "→b", "→c", "handler", "←c", "←b", "←a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			var mws []Middleware
			for _, n := range tc.layers {
				mws = append(mws, r.layer(n))
			}
			w := serve(Chain(r.handler(), mws...))
			if !slices.Equal(r.events, tc.want) || w.Body.String() != "ok" {
				t.Errorf("Chain(%v) ran %v and wrote %q, want %v and %q", tc.layers, r.events, w.Body, tc.want, "ok")
			}
		})
	}
}

func TestChainShortCircuit(t *testing.T) {
	var r recorder
	deny := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			r.events = append(r.events, "deny")
			http.Error(w, "no", http.StatusForbidden)
		})
	}
	w := serve(Chain(r.handler(), r.layer("outer"), deny, r.layer("inner")))
	want := []string{"→outer", "deny", "←outer"}
	if w.Code != http.StatusForbidden || !slices.Equal(r.events, want) {
		t.Errorf("a layer that answers itself: got %d and %v, want 403 and %v", w.Code, r.events, want)
	}
}

func TestStack(t *testing.T) {
	var r recorder
	base := New(r.layer("a"), r.layer("b"))
	serve(base.Then(r.handler()))
	if want := []string{"→a", "→b", "handler", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("New(a, b).Then(h) ran %v, want %v", r.events, want)
	}

	r.events = nil
	serve(base.Append(r.layer("c")).Then(r.handler()))
	if want := []string{"→a", "→b", "→c", "handler", "←c", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("base.Append(c).Then(h) ran %v, want %v", r.events, want)
	}

	r.events = nil
	serve(base.Then(r.handler()))
	if want := []string{"→a", "→b", "handler", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("base changed after Append: it now runs %v, want %v", r.events, want)
	}
}

// The classic slice-aliasing bug: two stacks appended from one base with
// spare capacity share a backing array, and the second Append rewrites the
// first stack's last layer.
func TestStackAppendsDoNotAlias(t *testing.T) {
	var r recorder
	// Growing a 2-element slice by one usually leaves capacity for a 4th.
	base := New(r.layer("a"), r.layer("b")).Append(r.layer("c"))
	admin := base.Append(r.layer("admin"))
	public := base.Append(r.layer("public"))

	serve(admin.Then(r.handler()))
	if want := []string{"→a", "→b", "→c", "→admin", "handler", "←admin", "←c", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("admin stack ran %v, want %v", r.events, want)
	}
	r.events = nil
	serve(public.Then(r.handler()))
	if want := []string{"→a", "→b", "→c", "→public", "handler", "←public", "←c", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("public stack ran %v, want %v", r.events, want)
	}
}

// registerDefault adds the test's route to the process-wide DefaultServeMux
// once, so the test can run again (go test -count=N) without a conflict.
var registerDefault sync.Once

func TestThenNilUsesDefaultServeMux(t *testing.T) {
	registerDefault.Do(func() {
		http.DefaultServeMux.HandleFunc("/chain-exercise-default", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "default mux") })
	})
	w := httptest.NewRecorder()
	New().Then(nil).ServeHTTP(w, httptest.NewRequest("GET", "/chain-exercise-default", nil))
	if w.Body.String() != "default mux" {
		t.Errorf("New().Then(nil) wrote %q, want the DefaultServeMux's %q", w.Body, "default mux")
	}
}

func TestStackAppendSeveral(t *testing.T) {
	for _, tc := range []struct {
		name       string
		base, more []string
		want       []string
	}{
		{"two onto an empty stack", nil, []string{"a", "b"}, []string{"→a", "→b", "handler", "←b", "←a"}},
		{"three onto one", []string{"a"}, []string{"b", "c", "d"}, []string{"→a", "→b", "→c", "→d", "handler", "←d", "←c", "←b", "←a"}},
		{"nothing onto two", []string{"a", "b"}, nil, []string{"→a", "→b", "handler", "←b", "←a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			layers := func(names []string) []Middleware {
				var out []Middleware
				for _, n := range names {
					out = append(out, r.layer(n))
				}
				return out
			}
			serve(New(layers(tc.base)...).Append(layers(tc.more)...).Then(r.handler()))
			if !slices.Equal(r.events, tc.want) {
				t.Errorf("New(%v).Append(%v).Then(h) ran %v, want %v", tc.base, tc.more, r.events, tc.want)
			}
		})
	}
}

// New keeps its own copy: changing the caller's slice afterwards must not
// change the stack.
func TestNewCopiesItsArguments(t *testing.T) {
	var r recorder
	mws := []Middleware{r.layer("a"), r.layer("b")}
	s := New(mws...)
	mws[0] = r.layer("changed")
	serve(s.Then(r.handler()))
	if want := []string{"→a", "→b", "handler", "←b", "←a"}; !slices.Equal(r.events, want) {
		t.Errorf("New(a, b) after the caller overwrote its slice ran %v, want %v", r.events, want)
	}
}
