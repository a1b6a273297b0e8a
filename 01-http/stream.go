package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"workbook/serve/problem"
)

// Limits on GET /stream, so that one request cannot hold a connection for long.
const (
	defaultStreamLines    = 5
	maxStreamLines        = 100
	defaultStreamInterval = 500 * time.Millisecond
	maxStreamInterval     = 2 * time.Second
	// streamWriteWindow is the write deadline granted for each line.
	streamWriteWindow = 5 * time.Second
)

// handleStream answers GET /stream?n=5&interval=500ms with n lines, one
// every interval, each sent to the client as soon as it is written.
//
// The handler never sets Content-Length: it cannot know the length in
// advance. Over HTTP/1.1, net/http then frames the body with
// "Transfer-Encoding: chunked", and every Flush sends what was written so far
// as one chunk. Over HTTP/2 each flush becomes a DATA frame instead.
//
// The loop stops early when the client goes away: r.Context() is cancelled
// when the connection closes (or the HTTP/2 stream is reset).
func handleStream(w http.ResponseWriter, r *http.Request) {
	n, interval, err := parseStreamQuery(r.URL.Query())
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// Without nosniff, browsers may buffer the start of a text stream to guess its type.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		return // same headers, no body, and no reason to wait n intervals
	}

	// ResponseController reaches Flush and per-write deadlines through any
	// middleware that wraps w; a bare w.(http.Flusher) assertion would not.
	rc := http.NewResponseController(w)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i := 1; i <= n; i++ {
		if i > 1 {
			timer.Reset(interval)
			select {
			case <-r.Context().Done():
				return // client gone: stop writing to nobody
			case <-timer.C:
			}
		}
		// The server-wide WriteTimeout would cut a long stream; extend it line by line.
		_ = rc.SetWriteDeadline(time.Now().Add(streamWriteWindow))
		fmt.Fprintf(w, "line %d of %d\n", i, n)
		if err := rc.Flush(); err != nil {
			return // the connection is broken; nothing more can be sent
		}
	}
}

// parseStreamQuery reads and bounds the n and interval query parameters.
func parseStreamQuery(q url.Values) (n int, interval time.Duration, err error) {
	n, interval = defaultStreamLines, defaultStreamInterval
	if s := q.Get("n"); s != "" {
		n, err = strconv.Atoi(s)
		if err != nil || n < 1 || n > maxStreamLines {
			return 0, 0, fmt.Errorf("n=%q must be a whole number from 1 to %d", s, maxStreamLines)
		}
	}
	if s := q.Get("interval"); s != "" {
		interval, err = time.ParseDuration(s)
		if err != nil || interval < 0 || interval > maxStreamInterval {
			return 0, 0, fmt.Errorf("interval=%q must be a duration from 0s to %s, like 250ms", s, maxStreamInterval)
		}
	}
	return n, interval, nil
}
