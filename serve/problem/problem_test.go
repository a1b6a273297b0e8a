package problem

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func decode(t *testing.T, rec *httptest.ResponseRecorder) Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != ContentType {
		t.Fatalf("Content-Type = %q, want %q", ct, ContentType)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("body %q is not a problem: %v", rec.Body, err)
	}
	return p
}

func TestWriteFillsInstanceAndRequestID(t *testing.T) {
	r := httptest.NewRequest("GET", "/items/7?x=1", nil)
	rec := httptest.NewRecorder()
	rec.Header().Set(RequestIDHeader, "abc123")
	Error(rec, r, http.StatusConflict, "the title is taken")
	p := decode(t, rec)
	want := Problem{Type: "about:blank", Title: "Conflict", Status: 409, Detail: "the title is taken", Instance: "/items/7?x=1", RequestID: "abc123"}
	if rec.Code != 409 || p.Type != want.Type || p.Title != want.Title || p.Status != want.Status || p.Detail != want.Detail || p.Instance != want.Instance || p.RequestID != want.RequestID {
		t.Errorf("got %d %+v, want 409 %+v", rec.Code, p, want)
	}
}

func TestWriteEchoesOnlyPlainClientRequestIDs(t *testing.T) {
	for id, want := range map[string]string{
		"abc-123_x.y":           "abc-123_x.y",
		"<script>":              "",
		"a b":                   "",
		strings.Repeat("a", 65): "",
		strings.Repeat("a", 64): strings.Repeat("a", 64),
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(RequestIDHeader, id)
		rec := httptest.NewRecorder()
		Error(rec, r, 400, "bad")
		if got := decode(t, rec).RequestID; got != want {
			t.Errorf("client X-Request-Id %q gave requestId %q, want %q", id, got, want)
		}
	}
}

func TestWriteKeepsGivenFields(t *testing.T) {
	r := httptest.NewRequest("POST", "/articles", nil)
	rec := httptest.NewRecorder()
	in := &Problem{Type: "/problems/validation-failed", Title: "Validation failed", Status: 422, Instance: "urn:x", RequestID: "r1",
		Errors: []FieldError{{Pointer: "/title", Detail: "is required"}}}
	Write(rec, r, in)
	p := decode(t, rec)
	if p.Type != in.Type || p.Instance != "urn:x" || p.RequestID != "r1" || len(p.Errors) != 1 || p.Errors[0].Pointer != "/title" {
		t.Errorf("got %+v, want the given fields kept", p)
	}
	if in.Instance != "urn:x" {
		t.Errorf("Write changed its argument")
	}
}

func TestRoutes(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("item " + r.PathValue("id"))) })
	mux.HandleFunc("DELETE /items/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	mux.HandleFunc("GET /dir/", func(w http.ResponseWriter, r *http.Request) {})
	h := Routes(mux)
	tests := []struct {
		method, path string
		status       int
		allow        string
		problem      bool
	}{
		{"GET", "/items/7", 200, "", false},
		{"HEAD", "/items/7", 200, "", false},
		{"POST", "/items/7", 405, "DELETE, GET, HEAD", true},
		{"GET", "/nope", 404, "", true},
		{"GET", "/dir", http.StatusTemporaryRedirect, "", false}, // the mux redirects to /dir/ itself
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d (body %q)", rec.Code, tc.status, rec.Body)
			}
			if got := rec.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow = %q, want %q", got, tc.allow)
			}
			if tc.problem {
				p := decode(t, rec)
				if p.Status != tc.status || p.Instance != tc.path {
					t.Errorf("problem = %+v, want status %d instance %s", p, tc.status, tc.path)
				}
				if tc.status == 405 && !strings.Contains(p.Detail, tc.allow) {
					t.Errorf("405 detail %q does not name the allowed methods", p.Detail)
				}
			}
		})
	}
}

func TestAllowedMethods(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("PUT /a", func(http.ResponseWriter, *http.Request) {})
	matches := func(r *http.Request) bool { _, p := mux.Handler(r); return p != "" }
	got := AllowedMethods(httptest.NewRequest("POST", "/a", nil), matches)
	if want := []string{"GET", "HEAD", "PUT"}; !slices.Equal(got, want) {
		t.Errorf("AllowedMethods = %v, want %v", got, want)
	}
	if got := AllowedMethods(httptest.NewRequest("POST", "/b", nil), matches); len(got) != 0 {
		t.Errorf("AllowedMethods on an unknown path = %v, want none", got)
	}
}
