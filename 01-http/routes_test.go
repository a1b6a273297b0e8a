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

func TestUnknownPathIs404WithMessage(t *testing.T) {
	tests := []struct{ target, want string }{
		{"/nope", "no endpoint at /nope; GET / lists them\n"},
		{"/status/", "no endpoint at /status/; GET / lists them\n"},
		{"/status/200/extra", "no endpoint at /status/200/extra; GET / lists them\n"},
	}
	h := testHandler(t)
	for _, tc := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", tc.target, nil))
		if w.Code != http.StatusNotFound || w.Body.String() != tc.want {
			t.Errorf("GET %s = %d %q, want 404 %q", tc.target, w.Code, w.Body.String(), tc.want)
		}
	}
}
