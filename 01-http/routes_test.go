package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestIndexListsEndpoints(t *testing.T) {
	w := httptest.NewRecorder()
	testHandler(t).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("GET / = %d %q, want 200 text/plain", w.Code, w.Header().Get("Content-Type"))
	}
	for _, endpoint := range []string{"/echo", "/status/{code}", "/stream", "/conn"} {
		if !strings.Contains(w.Body.String(), endpoint) {
			t.Errorf("GET / body does not mention %s:\n%s", endpoint, w.Body.String())
		}
	}
}

// TestUnknownPathIs404Problem: a path no pattern matches gets ServeMux's
// 404, written by problem.Routes in the house shape.
func TestUnknownPathIs404Problem(t *testing.T) {
	h := testHandler(t)
	for _, target := range []string{"/nope", "/status/", "/status/200/extra"} {
		t.Run(target, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
			if p := wantProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusNotFound, target); p.Detail != "no resource at "+target {
				t.Errorf("GET %s detail = %q, want %q", target, p.Detail, "no resource at "+target)
			}
		})
	}
}

// TestWrongMethodIs405ProblemWithAllow is the house rule every chapter
// keeps: a method the resource does not serve gets 405, an Allow header
// listing the ones it does, and a problem details body.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	w := httptest.NewRecorder()
	testHandler(t).ServeHTTP(w, httptest.NewRequest("DELETE", "/status/200", nil))
	if got, want := w.Header().Get("Allow"), "GET, HEAD, OPTIONS"; got != want {
		t.Errorf("DELETE /status/200 Allow = %q, want %q", got, want)
	}
	p := wantProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusMethodNotAllowed, "/status/200")
	if want := "DELETE is not allowed on /status/200; allowed: GET, HEAD, OPTIONS"; p.Detail != want {
		t.Errorf("DELETE /status/200 detail = %q, want %q", p.Detail, want)
	}
}
