package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchWriter is a ResponseWriter that keeps nothing, so the benchmark
// measures the handler, not a recorder.
type benchWriter struct{ h http.Header }

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *benchWriter) WriteHeader(int)             {}

func benchHandler(b *testing.B, h http.Handler, target string) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := &benchWriter{h: http.Header{}}
		h.ServeHTTP(w, req)
	}
}

// BenchmarkHandler runs the capstone's handler chain (as loadgen wires it:
// memory store, with and without the in-process LRU) and the bare handler
// on the list page in process, without the network.
func BenchmarkHandler(b *testing.B) {
	for _, cacheSize := range []int{10_000, 0} {
		be, err := newBackend(context.Background(), backendOptions{store: "memory", cacheSize: cacheSize})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := be.seed(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.Run(be.name, func(b *testing.B) { benchHandler(b, be.handler, "/api/articles?limit=20") })
		be.close()
	}
	b.Run("bare", func(b *testing.B) {
		benchHandler(b, bareHandler([]endpoint{{path: "/api/articles?limit=20", body: make([]byte, 7836)}}, false), "/api/articles?limit=20")
	})
}
