package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"time"

	"workbook/serve/problem"
)

// maxBody bounds a request body the balancer buffers: it keeps the body so
// that a request that never reached a backend can be sent to another one.
const maxBody = 1 << 20

// backend is one app instance as the balancer sees it.
type backend struct {
	name    string
	url     *url.URL
	weight  int
	proxy   *httputil.ReverseProxy
	healthy atomic.Bool  // routable; flipped by health checks and passive ejection
	active  atomic.Int64 // requests being proxied to it right now
	served  atomic.Int64 // requests it answered
	ejected atomic.Bool  // set by passive ejection: the checker restarts its count of good probes
	ejectAt atomic.Int64 // when it was last ejected (Unix ns), for the kill test's accounting
	fails   int          // consecutive failed probes (health checker goroutine only)
	oks     int          // consecutive good probes (health checker goroutine only)
}

// strategy picks one backend among the healthy ones, or nil when none is.
type strategy func(healthy []*backend) *backend

// roundRobin hands out backends in turn with one atomic counter: no lock,
// and with equal instances and equal requests, equal load.
func roundRobin() strategy {
	var next atomic.Uint64
	return func(bs []*backend) *backend {
		if len(bs) == 0 {
			return nil
		}
		return bs[(next.Add(1)-1)%uint64(len(bs))]
	}
}

// leastConnections is "power of two random choices": sample two backends
// and take the one with fewer requests in flight. It needs no scan of every
// backend and no shared cursor, and it avoids the herd that a strict
// "global minimum" sends to a backend that just came back with 0 active.
func leastConnections() strategy {
	return func(bs []*backend) *backend {
		switch len(bs) {
		case 0:
			return nil
		case 1:
			return bs[0]
		}
		i := rand.IntN(len(bs))
		j := rand.IntN(len(bs) - 1)
		if j >= i {
			j++ // two distinct indexes
		}
		if bs[j].active.Load() < bs[i].active.Load() {
			return bs[j]
		}
		return bs[i]
	}
}

// weightedRandom picks backend i with probability weight_i / Σweight: a
// bigger machine gets proportionally more traffic. (Exercise 1 builds the
// deterministic alternative, smooth weighted round-robin.)
func weightedRandom() strategy {
	return func(bs []*backend) *backend {
		total := 0
		for _, b := range bs {
			total += b.weight
		}
		if total <= 0 {
			return nil
		}
		n := rand.IntN(total)
		for _, b := range bs {
			if n < b.weight {
				return b
			}
			n -= b.weight
		}
		return nil // unreachable: n < total
	}
}

// balancer is the front door: it picks a healthy backend per request and
// proxies to it with httputil.ReverseProxy.
type balancer struct {
	backends []*backend
	pick     strategy
	logger   *slog.Logger
}

// newBalancer builds one ReverseProxy per backend; every backend starts healthy.
func newBalancer(urls []*url.URL, weights []int, pick strategy, logger *slog.Logger) *balancer {
	transport := &http.Transport{
		Proxy:                 nil, // never through an environment proxy: backends are on loopback
		DialContext:           (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
	lb := &balancer{pick: pick, logger: logger}
	for i, u := range urls {
		b := &backend{name: fmt.Sprintf("app-%d", i+1), url: u, weight: weights[i]}
		b.healthy.Store(true)
		b.proxy = &httputil.ReverseProxy{
			Rewrite: func(pr *httputil.ProxyRequest) {
				pr.SetURL(u)
				pr.SetXForwarded()
			},
			Transport: transport,
			// The handler below decides what to tell the client; here we
			// only hand the error back to it.
			ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
				*r.Context().Value(proxyErrKey{}).(*error) = err
			},
		}
		lb.backends = append(lb.backends, b)
	}
	return lb
}

type proxyErrKey struct{}

// healthy is the routable subset, in a fixed order.
func (lb *balancer) healthy() []*backend {
	out := make([]*backend, 0, len(lb.backends))
	for _, b := range lb.backends {
		if b.healthy.Load() {
			out = append(out, b)
		}
	}
	return out
}

// ServeHTTP buffers the body (bounded), then tries healthy backends: a
// request is sent again only when it provably never left the balancer (the
// dial failed), so a POST is never applied twice.
func (lb *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is over %d bytes", maxBody))
		return
	case err != nil:
		problem.Error(w, r, http.StatusBadRequest, "the request body could not be read")
		return
	}
	for range lb.backends {
		b := lb.pick(lb.healthy())
		if b == nil {
			break
		}
		err := lb.forward(w, r, b, body)
		if err == nil {
			return
		}
		if r.Context().Err() == nil {
			lb.eject(b, err) // passive health check: a transport error takes it out now
		}
		if !neverSent(err) {
			// The backend may have acted on it: tell the client, do not replay.
			problem.Error(w, r, http.StatusBadGateway, "the upstream instance failed while handling the request")
			return
		}
	}
	problem.Error(w, r, http.StatusServiceUnavailable, "no healthy instance")
}

// forward proxies one attempt to b and returns the transport error, if any.
func (lb *balancer) forward(w http.ResponseWriter, r *http.Request, b *backend, body []byte) error {
	var perr error
	out := r.Clone(context.WithValue(r.Context(), proxyErrKey{}, &perr))
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	w.Header().Set("X-Backend", b.name)
	b.active.Add(1)
	defer b.active.Add(-1)
	b.proxy.ServeHTTP(w, out)
	if perr == nil {
		b.served.Add(1)
	}
	return perr
}

// neverSent reports whether err is a failure to connect: nothing of the
// request reached the backend, so another one may have it.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// eject marks b unhealthy at once; the active checker needs
// its healthy-after good probes in a row to put it back.
func (lb *balancer) eject(b *backend, err error) {
	b.ejected.Store(true)
	if b.healthy.Swap(false) {
		b.ejectAt.Store(time.Now().UnixNano())
		lb.logger.Warn("backend ejected", "backend", b.name, "err", err)
	}
}
