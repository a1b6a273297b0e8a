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

// hintsWriter passes 1xx codes on without starting the response, as
// net/http's own writer does (httptest.ResponseRecorder would treat 103 as
// final).
type hintsWriter struct {
	*httptest.ResponseRecorder
	codes []int
}

func (h *hintsWriter) WriteHeader(code int) {
	h.codes = append(h.codes, code)
	if code >= 200 {
		h.ResponseRecorder.WriteHeader(code)
	}
}

func TestRecoverAfterInformationalStatus(t *testing.T) {
	for _, code := range []int{http.StatusEarlyHints, 199} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			var logs bytes.Buffer
			w := &hintsWriter{ResponseRecorder: httptest.NewRecorder()}
			var escaped any
			func() {
				defer func() { escaped = recover() }()
				Recover(slog.New(slog.NewJSONHandler(&logs, nil)))(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					w.WriteHeader(code) // informational: the response has not started
					panic("after a hint")
				})).ServeHTTP(w, httptest.NewRequest("GET", "/boom", nil))
			}()
			if escaped != nil || w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "Internal Server Error") {
				t.Errorf("panic after WriteHeader(%d): escaped %v, status %d, body %q; want nothing escaped and a 500 problem (a 1xx does not start the response)", code, escaped, w.Code, w.Body)
			}
		})
	}
}

func TestRecoverAbortsAfterTheResponseStarted(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(http.ResponseWriter)
	}{
		{"after WriteHeader(200)", func(w http.ResponseWriter) { w.WriteHeader(http.StatusOK) }},
		{"after WriteHeader(404)", func(w http.ResponseWriter) { w.WriteHeader(http.StatusNotFound) }},
		{"after ResponseController.Flush", func(w http.ResponseWriter) { http.NewResponseController(w).Flush() }},
		{"after an empty Write", func(w http.ResponseWriter) { w.Write(nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, logs, escaped := serve(func(w http.ResponseWriter, _ *http.Request) {
				tc.start(w)
				panic("too late")
			})
			if escaped != http.ErrAbortHandler {
				t.Errorf("panic %s: escaped %v, want http.ErrAbortHandler: a started response cannot become a 500", tc.name, escaped)
			}
			if strings.Contains(w.Body.String(), "Internal Server Error") {
				t.Errorf("panic %s: a problem was appended to the started response: %q", tc.name, w.Body)
			}
			if !strings.Contains(logs, "too late") {
				t.Errorf("panic %s: the panic was not logged: %q", tc.name, logs)
			}
		})
	}
}

func TestRecoverDropsStaleBodyHeaders(t *testing.T) {
	w, _, _ := serve(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "999")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		panic("half-way through a gzip body")
	})
	for _, name := range []string{"Content-Length", "Content-Encoding"} {
		if v, ok := w.Header()[name]; ok {
			t.Errorf("500 after a panic carries the handler's %s %q, want it removed", name, v)
		}
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
}
