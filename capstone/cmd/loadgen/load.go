package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// client is the load generator's side of the wire: one http.Transport for
// the whole run, allowed exactly conns connections per server and keeping
// all of them idle between requests, so every server sees the same conns
// keep-alive connections from the warm-up to the last round. It counts the
// connections it dials, per server address.
type client struct {
	transport *http.Transport
	conns     int

	mu     sync.Mutex
	dialed map[string]int
}

func newClient(conns int) *client {
	c := &client{conns: conns, dialed: map[string]int{}}
	d := &net.Dialer{Timeout: 5 * time.Second}
	c.transport = &http.Transport{
		MaxConnsPerHost:       conns,
		MaxIdleConnsPerHost:   conns,
		MaxIdleConns:          0, // no limit across hosts
		IdleConnTimeout:       0, // never closed for idleness during the run
		ResponseHeaderTimeout: 5 * time.Second,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := d.DialContext(ctx, network, addr)
			if err == nil {
				c.mu.Lock()
				c.dialed[addr]++
				c.mu.Unlock()
			}
			return conn, err
		},
	}
	return c
}

// Dialed returns how many connections the client has opened to addr (host:port).
func (c *client) Dialed(addr string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dialed[addr]
}

func (c *client) Close() { c.transport.CloseIdleConnections() }

// result is what one or more load phases measured.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration // sorted once finish is called
	errors    int64
	firstErr  error
}

// add merges another phase into r.
func (r *result) add(o result) {
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	r.errors += o.errors
	if r.firstErr == nil {
		r.firstErr = o.firstErr
	}
}

func (r *result) finish() { slices.Sort(r.latencies) }

func (r result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

// percentile returns the q-th percentile (0 < q ≤ 100) of sorted by the
// nearest-rank method: the smallest value with at least q % of the values
// at or below it. It returns 0 for no values.
func percentile(sorted []time.Duration, q float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// rank = ceil(q/100 · n), computed in integers so 99 % of 100 is 99, not 100.
	rank := (int(q*1000)*n + 100_000 - 1) / 100_000
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

// load sends GET url from c.conns goroutines, each with one request in
// flight at a time, until duration has passed or maxRequests have been
// started. A request is bounded by the transport's ResponseHeaderTimeout
// and the servers' WriteTimeout, not by a context: cancelling one at the
// end of the phase races the transport putting the last connections back
// in its pool, and closes a few of them.
func (c *client) load(url string, duration time.Duration, maxRequests int64) result {
	var (
		started  atomic.Int64
		errs     atomic.Int64
		mu       sync.Mutex
		all      []time.Duration
		firstErr error
		wg       sync.WaitGroup
		start    = time.Now()
		until    = start.Add(duration)
	)
	for range c.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest(http.MethodGet, url, nil)
			if err != nil {
				errs.Add(1)
				return
			}
			local := make([]time.Duration, 0, 4096)
			var lastErr error
			for {
				t0 := time.Now()
				if !t0.Before(until) || started.Add(1) > maxRequests {
					break
				}
				err := get(c.transport, req)
				if err != nil {
					errs.Add(1)
					lastErr = err
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			all = append(all, local...)
			if firstErr == nil {
				firstErr = lastErr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return result{elapsed: time.Since(start), latencies: all, errors: errs.Load(), firstErr: firstErr}
}

// get sends req and reads the whole body, so the connection goes back to
// the transport's idle pool for the next request.
func get(rt http.RoundTripper, req *http.Request) error {
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d", req.URL, resp.StatusCode)
	}
	return err
}

// connCounter is an http.Server ConnState hook that counts the connections
// a server accepts and closes, and how many are serving a request at once.
type connCounter struct {
	opened, closed atomic.Int64
	active, peak   atomic.Int64
}

func (c *connCounter) hook(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		c.opened.Add(1)
	case http.StateActive:
		n := c.active.Add(1)
		for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
		}
	case http.StateIdle:
		c.active.Add(-1)
	case http.StateClosed, http.StateHijacked:
		c.closed.Add(1)
	}
}

// resetPeak starts a new peak measurement from the current count.
func (c *connCounter) resetPeak() { c.peak.Store(c.active.Load()) }
