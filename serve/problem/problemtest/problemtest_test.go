package problemtest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"workbook/serve/problem"
)

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
		if found := Leaked(body); len(found) == 0 {
			t.Errorf("Leaked(%q) found nothing, want the planted fragments", body)
		}
	}
	ft := &fakeT{}
	h := WatchErrors(ft, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, leaky[0], http.StatusConflict)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/articles", nil))
	if !ft.failed {
		t.Error("WatchErrors let a 409 carrying driver text through without failing the test")
	}
	if found := Leaked(`{"title":"Conflict","detail":"an article with this title exists"}`); len(found) > 0 {
		t.Errorf("Leaked flags a clean body: %q", found)
	}
}

// fakeT records whether WatchErrors failed it.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}

func TestLeakedWithExtraMarkers(t *testing.T) {
	if found := Leaked("password hunter2", "hunter2"); len(found) != 1 {
		t.Errorf("Leaked with an extra marker = %q, want it found", found)
	}
}

func TestWant(t *testing.T) {
	rec := httptest.NewRecorder()
	problem.Error(rec, httptest.NewRequest("GET", "/x?y=1", nil), http.StatusNotFound, "no x")
	if p := Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/x?y=1"); p.Detail != "no x" {
		t.Errorf("Want returned %+v", p)
	}
}

// TestWantRejects proves Want fails on bodies that break the house shape,
// including an instance that is a request ID rather than a path when the
// caller passes "" (any path).
func TestWantRejects(t *testing.T) {
	good := `{"type":"about:blank","title":"Not Found","status":404,"instance":"/x"}`
	tests := []struct {
		name, ct, body, instance string
		code                     int
	}{
		{"wrong status code", problem.ContentType, good, "/x", 400},
		{"plain JSON content type", "application/json", good, "/x", 404},
		{"other instance", problem.ContentType, good, "/y", 404},
		{"request ID as instance", problem.ContentType, `{"type":"about:blank","title":"Not Found","status":404,"instance":"8f14e45f"}`, "", 404},
		{"title not the status phrase", problem.ContentType, `{"type":"about:blank","title":"Missing","status":404,"instance":"/x"}`, "/x", 404},
	}
	for _, tc := range tests {
		ft := &fakeT{}
		h := http.Header{"Content-Type": {tc.ct}}
		Want(ft, tc.code, h, tc.body, 404, tc.instance)
		if !ft.failed {
			t.Errorf("%s: Want accepted it", tc.name)
		}
	}
	ft := &fakeT{}
	Want(ft, 404, http.Header{"Content-Type": {problem.ContentType}}, good, 404, "")
	if ft.failed {
		t.Error(`Want(instance "") rejected a body whose instance is a path`)
	}
}
