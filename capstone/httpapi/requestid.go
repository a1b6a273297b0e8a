package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync/atomic"
)

type requestIDKey struct{}

var (
	requestIDPrefix = newRequestIDPrefix()
	requestCounter  atomic.Uint64
)

func newRequestIDPrefix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "-"
}

// requestID gives every request an ID: the caller's X-Request-ID when it is
// short and plain, otherwise a new one made of a random per-process prefix
// and a counter ("3f9a1c0b7d2e-42") — unique across replicas without a
// system call per request. It is echoed in the response and attached to
// every log line of the request.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID(id) {
			id = requestIDPrefix + strconv.FormatUint(requestCounter.Add(1), 10)
		}
		w.Header()["X-Request-Id"] = []string{id}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// RequestID returns the request's ID, or "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// validRequestID accepts 1–64 letters, digits, '-', '_' and '.', so a client
// cannot inject log lines or huge values through the header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
