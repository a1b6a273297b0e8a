package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// internalText are fragments that only a database driver, the Go runtime or
// the file system writes. None may reach a client in an error body: the
// server logs such text and answers with a detail written for the client.
var internalText = []string{"pq:", "pgx", "SQLSTATE", "violates", "ERROR:", "/home/", ".go:", "runtime error", "goroutine", "hunter2", "10.0.3.7"}

// leakedInternals returns the fragments of internalText found in body.
func leakedInternals(body string) []string {
	var found []string
	for _, frag := range internalText {
		if strings.Contains(body, frag) {
			found = append(found, frag)
		}
	}
	return found
}

// watchErrors wraps h for tests: the body of every response with a status
// of 400 or more is checked for internalText, and a leak fails the test that
// provoked it. do, which every server test sends its requests through, wraps the handler in it, so
// the check covers every error response the chapter's tests produce.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &errorCapture{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		if found := leakedInternals(cw.body.String()); len(found) > 0 {
			t.Errorf("%s %s answered %d with internal text %q in its body:\n%s",
				r.Method, r.URL.RequestURI(), cw.status, found, cw.body.String())
		}
	})
}

// errorCapture copies the body of an error response (status 400 or more)
// as it is written; other responses pass through untouched.
type errorCapture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *errorCapture) WriteHeader(code int) {
	if c.status == 0 && code >= 200 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *errorCapture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.status >= 400 {
		c.body.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer's Flush and
// deadlines through the capture.
func (c *errorCapture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

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

// TestLeakCheckCatchesInternals proves the checker on a handler that does
// leak: a check that finds nothing in a planted leak would pass everything.
func TestLeakCheckCatchesInternals(t *testing.T) {
	leaky := []string{
		`{"detail":"pq: duplicate key value violates unique constraint \"articles_slug_key\""}`,
		`{"detail":"ERROR: new row violates check constraint (SQLSTATE 23514)"}`,
		"open /home/app/data.db: permission denied",
		"runtime error: index out of range [3] with length 3\ngoroutine 7 [running]:\nmain.handle(...)\n\t/src/main.go:42",
	}
	for _, body := range leaky {
		if found := leakedInternals(body); len(found) == 0 {
			t.Errorf("leakedInternals(%q) found nothing, want the planted fragments", body)
		}
	}
	ft := &fakeT{}
	h := watchErrors(ft, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, leaky[0], http.StatusConflict)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/articles", nil))
	if !ft.failed {
		t.Error("watchErrors let a 409 carrying driver text through without failing the test")
	}
	if found := leakedInternals(`{"title":"Conflict","detail":"an article with this title exists"}`); len(found) > 0 {
		t.Errorf("leakedInternals flags a clean body: %q", found)
	}
}

// fakeT records whether watchErrors failed it.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
