package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"workbook/serve/problem"
)

func handleHello(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"message": "hello", "request_id": requestIDFrom(r.Context())})
}

// handleOrder shows the layers the request passed on its way in. The way
// out happens after this body is written; it arrives in the
// X-Middleware-Trace trailer and in the log line.
func handleOrder(w http.ResponseWriter, r *http.Request) {
	t := traceFrom(r.Context())
	t.add("handler")
	writeJSON(w, http.StatusOK, map[string]any{
		"in":   t.snapshot(),
		"note": "the way back out is in the " + traceHeader + " trailer (curl -i shows it) and the log",
	})
}

// handleStream sends n events, one every interval, flushing each so the
// client sees it at once — through every wrapper in the chain. It extends
// its write deadline with http.ResponseController, which reaches the real
// connection through the wrappers' Unwrap methods.
func handleStream(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if r.URL.Query().Get("n") == "" {
		n, err = 3, nil
	}
	if err != nil || n < 1 || n > 10 {
		problem.Error(w, r, http.StatusBadRequest, "n must be an integer from 1 to 10")
		return
	}
	interval := 200 * time.Millisecond
	if s := r.URL.Query().Get("interval"); s != "" {
		if interval, err = time.ParseDuration(s); err != nil || interval < 0 || interval > time.Second {
			problem.Error(w, r, http.StatusBadRequest, "interval must be a duration from 0s to 1s, e.g. 200ms")
			return
		}
	}
	rc := http.NewResponseController(w)
	if err := rc.SetWriteDeadline(time.Now().Add(time.Duration(n)*interval + 5*time.Second)); err != nil {
		problem.Error(w, r, http.StatusInternalServerError, "streaming is not supported here")
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	for i := 1; i <= n; i++ {
		if i > 1 {
			select {
			case <-time.After(interval):
			case <-r.Context().Done():
				return
			}
		}
		fmt.Fprintf(w, "data: event %d of %d at %s\n\n", i, n, time.Now().UTC().Format("15:04:05.000"))
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// handlePanic panics, to show Recovery. The message must not reach the client.
func handlePanic(w http.ResponseWriter, r *http.Request) {
	panic("database password is hunter2 and the disk is full")
}

// handleHijack takes the raw connection over, as a WebSocket upgrade does,
// through all the wrapping writers.
func handleHijack(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		problem.Error(w, r, http.StatusNotImplemented, "this connection cannot be hijacked (HTTP/2?)")
		return
	}
	defer conn.Close()
	body := "hijacked: this response was written straight to the TCP connection\n"
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
	buf.Flush()
}
