package recovery

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve runs h behind Recover and returns the response, the log, and what
// (if anything) escaped the middleware as a panic.
func serve(h http.HandlerFunc) (w *httptest.ResponseRecorder, logs string, escaped any) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	w = httptest.NewRecorder()
	func() {
		defer func() { escaped = recover() }()
		Recover(logger)(h).ServeHTTP(w, httptest.NewRequest("GET", "/boom", nil))
	}()
	return w, buf.String(), escaped
}

func TestRecoverAnswersWithAProblem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value any
		inLog string
	}{
		{"string", "db password is hunter2", "hunter2"},
		{"error", errors.New("nil map write in cart 4711"), "cart 4711"},
		{"int", 4711, "4711"},
		{"wrapped error", fmt.Errorf("charge: %w", errors.New("card 4242-secret")), "4242-secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, logs, escaped := serve(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Length", "999") // set by the handler, then it panicked
				panic(tc.value)
			})
			if escaped != nil {
				t.Fatalf("panic %v escaped the middleware", escaped)
			}
			if w.Code != http.StatusInternalServerError {
				t.Fatalf("status = %d, want 500", w.Code)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type = %q, want application/problem+json", ct)
			}
			if cl := w.Header().Get("Content-Length"); cl == "999" {
				t.Error("the handler's stale Content-Length survived into the 500")
			}
			var p Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatalf("body %q is not a JSON problem: %v", w.Body, err)
			}
			if p.Status != 500 || p.Title != "Internal Server Error" || p.Type != "about:blank" || p.Detail == "" {
				t.Errorf("problem = %+v, want about:blank / Internal Server Error / 500 with a detail", p)
			}
			body := w.Body.String()
			if strings.Contains(body, tc.inLog) || strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
				t.Errorf("body leaks the panic or the stack: %s", body)
			}
			if !strings.Contains(logs, tc.inLog) || !strings.Contains(logs, "goroutine") || !strings.Contains(logs, `"level":"ERROR"`) {
				t.Errorf("log must hold the panic value and the stack at ERROR; got %s", logs)
			}
		})
	}
}

func TestRecoverAborts(t *testing.T) {
	t.Run("deliberate ErrAbortHandler", func(t *testing.T) {
		w, logs, escaped := serve(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) })
		if escaped != http.ErrAbortHandler {
			t.Errorf("escaped panic = %v, want http.ErrAbortHandler (net/http aborts quietly on it)", escaped)
		}
		if w.Body.Len() != 0 || logs != "" {
			t.Errorf("a deliberate abort produced a body %q or a log %q, want neither", w.Body, logs)
		}
	})
	for name, start := range map[string]func(http.ResponseWriter){
		"after Write":       func(w http.ResponseWriter) { io.WriteString(w, "partial") },
		"after WriteHeader": func(w http.ResponseWriter) { w.WriteHeader(http.StatusAccepted) },
	} {
		t.Run(name, func(t *testing.T) {
			w, logs, escaped := serve(func(w http.ResponseWriter, _ *http.Request) {
				start(w)
				panic("too late")
			})
			if escaped != http.ErrAbortHandler {
				t.Errorf("escaped panic = %v, want http.ErrAbortHandler: a started response cannot become a 500", escaped)
			}
			if strings.Contains(w.Body.String(), "Internal Server Error") {
				t.Errorf("a problem was appended to a started response: %q", w.Body)
			}
			if !strings.Contains(logs, "too late") {
				t.Errorf("the panic was not logged: %q", logs)
			}
		})
	}
}

func TestRecoverPassesNormalResponsesThrough(t *testing.T) {
	var flushErr error
	w, logs, escaped := serve(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, "made it")
		flushErr = http.NewResponseController(w).Flush()
	})
	if escaped != nil || w.Code != http.StatusCreated || w.Body.String() != "made it" || logs != "" {
		t.Errorf("normal handler: %d %q, escaped %v, log %q; want 201 \"made it\", nothing escaped or logged", w.Code, w.Body, escaped, logs)
	}
	if flushErr != nil || !w.Flushed {
		t.Errorf("ResponseController.Flush through Recover = %v (flushed %v), want nil and flushed", flushErr, w.Flushed)
	}
	// …and the same kind of middleware still catches the next panic.
	if w, _, escaped := serve(func(http.ResponseWriter, *http.Request) { panic("next request") }); escaped != nil || w.Code != 500 {
		t.Errorf("panicking handler after a normal one: status %d, escaped %v; want 500 and nothing escaped", w.Code, escaped)
	}
}
