package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/mux"

	"workbook/serve/problem/problemtest"
)

// watchErrors wraps h so that every error body the chapter's tests provoke
// is checked for driver, runtime and file-system text (problemtest.Internal),
// and for the password and address that errSecretFailure plants; the tests' handlers and servers are all built through it.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return problemtest.WatchErrors(t, h, "hunter2", "10.0.3.7")
}

// wantProblemShape checks that an error response is this chapter's problem
// details: application/problem+json, a type from the catalogue
// (/problems/…), the status of the response, a title, instance the URI the
// client asked for (never the request ID), and the request ID as the
// requestId member, equal to the X-Request-Id header.
func wantProblemShape(t testing.TB, w *httptest.ResponseRecorder, instance string) problemDetails {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%d Content-Type = %q, want application/problem+json", w.Code, ct)
	}
	var p problemDetails
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("%d body %q is not problem details: %v", w.Code, w.Body, err)
	}
	if _, ok := problemTypes[strings.TrimPrefix(p.Type, "/problems/")]; !ok || p.Status != w.Code || p.Title == "" || p.Instance != instance {
		t.Errorf("problem = %+v, want a catalogued type, status %d, a title, instance %q", p, w.Code, instance)
	}
	if p.RequestID == "" || p.RequestID != w.Header().Get("X-Request-Id") {
		t.Errorf("%d requestId = %q, X-Request-Id = %q, want the same non-empty ID", w.Code, p.RequestID, w.Header().Get("X-Request-Id"))
	}
	return p
}

// TestWrongMethodIs405ProblemWithAllow is the house rule every chapter
// keeps: a method the resource does not serve gets 405, an Allow header
// listing the ones it does, and a problem details body — here the chapter's
// own, typed /problems/method-not-allowed. Unversioned URLs are routed
// after version negotiation, and their 405 names the URL the client used.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	h := newTestServer(t)
	tests := []struct{ method, path, allow string }{
		{"PATCH", "/v2/articles/how-to-train-your-dragon", "GET, HEAD, PUT, DELETE"},
		{"PATCH", "/articles/how-to-train-your-dragon", "GET, HEAD, PUT, DELETE"},
		{"POST", "/v1/articles", "GET, HEAD"},
		{"DELETE", "/v2/articles", "GET, HEAD, POST"},
		{"GET", "/v2/articles/how-to-train-your-dragon/publish", "POST"},
		{"PUT", "/", "GET, HEAD"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := do(t, h, req{method: tc.method, path: tc.path, header: jake})
			if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != tc.allow {
				t.Fatalf("%s %s = %d, Allow %q; want 405, Allow %q", tc.method, tc.path, w.Code, w.Header().Get("Allow"), tc.allow)
			}
			p := wantProblemShape(t, w, tc.path)
			if p.Type != "/problems/method-not-allowed" || !strings.Contains(p.Detail, tc.allow) {
				t.Errorf("405 problem = %+v, want type /problems/method-not-allowed naming %s", p, tc.allow)
			}
		})
	}
}

// TestGorillaSubrouterMismatchIsNotFound pins the gorilla/mux v1.8.1
// behaviour (gorilla/mux#739) that makes newHandler send "not found" and
// "method not allowed" to one handler: in a subrouter with a second route
// under the same prefix, a wrong method reaches NotFoundHandler, not
// MethodNotAllowedHandler. If an upgrade fixes it, this test says so.
func TestGorillaSubrouterMismatchIsNotFound(t *testing.T) {
	r := mux.NewRouter()
	v2 := r.PathPrefix("/v2").Subrouter()
	v2.HandleFunc("/articles/{slug}", func(http.ResponseWriter, *http.Request) {}).Methods("GET")
	v2.HandleFunc("/articles/{slug}/{action}", func(http.ResponseWriter, *http.Request) {}).Methods("POST")
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(404) })
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(405) })
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("PATCH", "/v2/articles/x", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("gorilla/mux sent PATCH on a GET-only subrouter route to %d; the #739 workaround in newHandler may be unneeded", w.Code)
	}
}
