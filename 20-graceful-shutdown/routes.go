package main

import (
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"workbook/serve/problem"
)

// state is what the handlers share with the shutdown sequence.
type state struct {
	draining atomic.Bool  // set first on SIGTERM: /readyz fails, responses say Connection: close
	requests atomic.Int64 // counted in memory, flushed at shutdown
	jobSeq   atomic.Int64
	worker   *worker
}

// routes is the service's handler tree.
func routes(st *state) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok") // alive, even while draining: do not restart me
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if st.draining.Load() {
			problem.Error(w, r, http.StatusServiceUnavailable, "shutting down: send new traffic elsewhere")
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.HandleFunc("POST /work", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond) // a little real work, so requests overlap the shutdown
		fmt.Fprintln(w, "done")
	})
	mux.HandleFunc("GET /slow", handleSlow)
	mux.HandleFunc("POST /jobs", func(w http.ResponseWriter, r *http.Request) {
		id := "job-" + strconv.FormatInt(st.jobSeq.Add(1), 10)
		if !st.worker.enqueue(id) {
			problem.Error(w, r, http.StatusServiceUnavailable, "the job queue is full; retry later")
			return
		}
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintln(w, id)
	})
	return drainAware(st, problem.Routes(mux))
}

// handleSlow answers after ?ms= milliseconds (default 3000, at most 10000):
// a request in flight to watch the drain wait for.
func handleSlow(w http.ResponseWriter, r *http.Request) {
	ms := 3000
	if v := r.URL.Query().Get("ms"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10000 {
			problem.Error(w, r, http.StatusBadRequest, "ms must be an integer from 0 to 10000")
			return
		}
		ms = n
	}
	time.Sleep(time.Duration(ms) * time.Millisecond)
	fmt.Fprintf(w, "slept %dms\n", ms)
}

// drainAware counts requests and, once draining, puts `Connection: close`
// on every response: net/http then closes the connection after writing
// it, so a keep-alive client learns from a complete response, not from a
// reset socket, that it must not reuse this connection.
func drainAware(st *state, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st.requests.Add(1)
		if st.draining.Load() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
}
