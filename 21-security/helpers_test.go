package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/crypto/bcrypt"

	"workbook/testinfra"
)

// syncBuffer is a log sink the handlers and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// events returns the audit lines logged so far, decoded.
func (s *syncBuffer) events(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if m["msg"] == "security event" {
			out = append(out, m)
		}
	}
	return out
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestApp is an app without a database, logging JSON into the buffer.
func newTestApp(t *testing.T) (*app, *syncBuffer) {
	t.Helper()
	buf := &syncBuffer{}
	return newApp(slog.New(slog.NewJSONHandler(buf, nil))), buf
}

// newDBApp adds a fresh PostgreSQL database with the chapter's schema.
func newDBApp(t *testing.T) (*app, *syncBuffer) {
	t.Helper()
	a, buf := newTestApp(t)
	db, err := pgxpool.New(context.Background(), testinfra.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	a.bcryptCost = bcrypt.MinCost
	if err := setupSchema(context.Background(), db, a.bcryptCost); err != nil {
		t.Fatal(err)
	}
	a.db = db
	return a, buf
}

// do sends one request to h and returns the recorder.
func do(h http.Handler, method, target string, form url.Values, header http.Header) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
