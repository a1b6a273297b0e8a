package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAbortHandlerIsRepanicked: http.ErrAbortHandler is net/http's "cut
// this response" signal; the recovery must pass it on, unlogged.
func TestAbortHandlerIsRepanicked(t *testing.T) {
	a := newTestApp(t)
	h := a.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler passed on", v)
		}
		if lines := a.logs.lines(t); len(lines) != 0 {
			t.Errorf("an abort was logged: %v", lines)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

// TestPanicAfterTheHeaderAborts: once the status line is out no problem
// can follow, so the recovery logs and aborts the response, and a real
// client sees a broken body, not a short one that looks complete.
func TestPanicAfterTheHeaderAborts(t *testing.T) {
	a := newTestApp(t)
	srv := httptest.NewServer(requestIDs(a.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "partial ")
		_ = http.NewResponseController(w).Flush()
		var items []string
		_ = items[len(r.URL.Path)] // out of range: a programming error mid-response
	}))))
	srv.Config.ErrorLog = nil
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err == nil {
		t.Errorf("client read %q with no error: a truncated body looked complete", body)
	}
	if !strings.HasPrefix(string(body), "partial") {
		t.Errorf("body = %q, want the part written before the panic", body)
	}
	lines := a.logs.forRequest(t, res.Header.Get("X-Request-Id"))
	if len(lines) != 1 || lines[0]["kind"] != "programming" || lines[0]["stack"] == nil {
		t.Errorf("log = %v, want one programming-error line with the stack", lines)
	}
}

func TestRequestIDs(t *testing.T) {
	a := newTestApp(t)
	if got := a.do("GET", "/nope", "", "X-Request-Id", "abc-123").Header().Get("X-Request-Id"); got != "abc-123" {
		t.Errorf("a plain caller ID became %q, want it kept", got)
	}
	for _, bad := range []string{"", "has space", "<script>", strings.Repeat("a", 65)} {
		got := a.do("GET", "/nope", "", "X-Request-Id", bad).Header().Get("X-Request-Id")
		if got == bad || len(got) != 16 {
			t.Errorf("caller ID %q became %q, want a new 16-hex-digit ID", bad, got)
		}
	}
}
