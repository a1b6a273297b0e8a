package main

import (
	"context"
	"io"
	"net/http"
	"time"
)

// healthConfig is the active checker's policy.
type healthConfig struct {
	interval       time.Duration // time between probes of one backend
	timeout        time.Duration // a probe slower than this failed
	unhealthyAfter int           // K: consecutive failures that take a backend out
	healthyAfter   int           // M: consecutive successes that bring it back
}

// checkHealth probes every backend each interval until ctx is done.
func (lb *balancer) checkHealth(ctx context.Context, cfg healthConfig) {
	client := &http.Client{Timeout: cfg.timeout, Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	tick := time.NewTicker(cfg.interval)
	defer tick.Stop()
	for {
		for _, b := range lb.backends {
			lb.observe(b, probe(ctx, client, b), cfg)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// probe is one GET /healthz: healthy means 200 within the client's timeout.
func probe(ctx context.Context, client *http.Client, b *backend) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.url.JoinPath("/healthz").String(), nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	return resp.StatusCode == http.StatusOK
}

// observe applies one probe result: K failures in a row take b out, M
// successes in a row bring it back. Hysteresis keeps a flapping instance
// from flipping on every probe.
func (lb *balancer) observe(b *backend, ok bool, cfg healthConfig) {
	if b.ejected.Swap(false) {
		b.oks = 0 // a passive ejection happened since the last probe
	}
	if !ok {
		b.oks = 0
		b.fails++
		if b.fails >= cfg.unhealthyAfter && b.healthy.Swap(false) {
			lb.logger.Warn("backend unhealthy", "backend", b.name, "failed_probes", b.fails)
		}
		return
	}
	b.fails = 0
	b.oks++
	if b.oks >= cfg.healthyAfter && !b.healthy.Swap(true) {
		lb.logger.Info("backend healthy again", "backend", b.name, "good_probes", b.oks)
	}
}
