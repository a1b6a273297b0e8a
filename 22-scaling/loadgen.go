package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// histogram counts latencies in fixed 10 µs buckets up to 1 s, plus one
// overflow bucket: every percentile it reports is within 10 µs of the
// truth, in constant memory however many requests are recorded.
// (Exercise 2 builds the log-linear kind, whose error is relative.)
type histogram struct {
	counts   [histBuckets + 1]int64
	n        int64
	sum, max time.Duration
}

const (
	histWidth   = 10 * time.Microsecond
	histBuckets = int(time.Second / histWidth)
)

func (h *histogram) record(d time.Duration) {
	i := min(int(d/histWidth), histBuckets)
	h.counts[max(i, 0)]++
	h.n++
	h.sum += d
	h.max = max(h.max, d)
}

// percentile returns the upper edge of the bucket holding the sample of
// rank ceil(p/100 × n) (the nearest-rank definition); a rank in the
// overflow bucket reports the largest latency seen.
func (h *histogram) percentile(p float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := int64(float64(h.n)*p/100 + 0.999999999)
	rank = min(max(rank, 1), h.n)
	var seen int64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			if i == histBuckets {
				return h.max
			}
			return time.Duration(i+1) * histWidth
		}
	}
	return h.max
}

// loadConfig is what the load subcommand is told.
type loadConfig struct {
	url         string
	method      string
	requests    int
	concurrency int
	duration    time.Duration
	body        string
}

// loadResult is one run's summary.
type loadResult struct {
	sent, ok, failed int64
	elapsed          time.Duration
	hist             histogram
	byBackend        map[string]int64
}

func parseLoadConfig(args []string, usage io.Writer) (loadConfig, error) {
	var cfg loadConfig
	fs := flag.NewFlagSet("22-scaling load", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.url, "url", "http://127.0.0.1:8022/work", "target URL (loopback only)")
	fs.StringVar(&cfg.method, "method", "POST", "GET or POST")
	fs.IntVar(&cfg.requests, "n", 2000, "requests to send, at most 1000000")
	fs.IntVar(&cfg.concurrency, "c", 8, "concurrent workers, at most 256")
	fs.DurationVar(&cfg.duration, "duration", 30*time.Second, "stop after this long even if requests remain, at most 5m")
	fs.StringVar(&cfg.body, "body", `{"n":1}`, "request body for POST")
	if err := fs.Parse(args); err != nil {
		return loadConfig{}, err
	}
	switch {
	case cfg.requests < 1 || cfg.requests > 1_000_000:
		return loadConfig{}, fmt.Errorf("-n must be 1 to 1000000, got %d", cfg.requests)
	case cfg.concurrency < 1 || cfg.concurrency > 256:
		return loadConfig{}, fmt.Errorf("-c must be 1 to 256, got %d", cfg.concurrency)
	case cfg.duration <= 0 || cfg.duration > 5*time.Minute:
		return loadConfig{}, fmt.Errorf("-duration must be in (0, 5m], got %s", cfg.duration)
	case cfg.method != "GET" && cfg.method != "POST":
		return loadConfig{}, fmt.Errorf("-method must be GET or POST, got %q", cfg.method)
	}
	return cfg, checkLoopback(cfg.url)
}

// checkLoopback refuses any target that is not this machine: a load
// generator pointed at someone else's server is an attack.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("-url must be an http(s) URL, got %q", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-url host must be a loopback address, got %q", host)
}

// runLoad sends cfg.requests requests from cfg.concurrency workers, stopping
// early at cfg.duration. POST bodies are plain io.Readers (no GetBody), so
// the client never resends a request on its own: every failure is counted.
func runLoad(ctx context.Context, cfg loadConfig, client *http.Client) loadResult {
	// The deadline stops workers from starting new requests; it does not cut
	// the ones in flight (the client's timeout bounds those), so the end of
	// the run is not counted as failures.
	stopAt, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	var (
		next atomic.Int64
		mu   sync.Mutex
		res  = loadResult{byBackend: map[string]int64{}}
		wg   sync.WaitGroup
	)
	start := time.Now()
	for range cfg.concurrency {
		wg.Go(func() {
			for next.Add(1) <= int64(cfg.requests) && stopAt.Err() == nil {
				t0 := time.Now()
				backend, err := once(ctx, client, cfg)
				d := time.Since(t0)
				mu.Lock()
				res.sent++
				res.hist.record(d)
				if err != nil {
					res.failed++
				} else {
					res.ok++
				}
				res.byBackend[backend]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// once sends one request and reports which backend answered.
func once(ctx context.Context, client *http.Client, cfg loadConfig) (string, error) {
	var body io.Reader
	if cfg.method == "POST" {
		body = io.MultiReader(strings.NewReader(cfg.body)) // hides the type: no GetBody, no silent retry
	}
	req, err := http.NewRequestWithContext(ctx, cfg.method, cfg.url, body)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	backend := resp.Header.Get("X-Backend")
	if resp.StatusCode >= 400 {
		return backend, fmt.Errorf("status %d", resp.StatusCode)
	}
	return backend, nil
}

// report writes the run as a Markdown table, then Little's law on it.
func (r *loadResult) report(w io.Writer, concurrency int) {
	var b bytes.Buffer
	rate := float64(r.sent) / r.elapsed.Seconds()
	mean := time.Duration(0)
	if r.hist.n > 0 {
		mean = r.hist.sum / time.Duration(r.hist.n)
	}
	fmt.Fprintf(&b, "| requests | ok | failed | elapsed | throughput | mean | p50 | p95 | p99 | max |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %s | %.0f req/s | %s | %s | %s | %s | %s |\n",
		r.sent, r.ok, r.failed, r.elapsed.Round(time.Millisecond), rate, mean.Round(time.Microsecond),
		r.hist.percentile(50), r.hist.percentile(95), r.hist.percentile(99), r.hist.max.Round(time.Microsecond))
	names := make([]string, 0, len(r.byBackend))
	for k := range r.byBackend {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintf(&b, "\nanswered by:")
	for _, k := range names {
		label := k
		if label == "" {
			label = "(none)"
		}
		fmt.Fprintf(&b, " %s=%d", label, r.byBackend[k])
	}
	// Little's law: requests in the system = arrival rate × time in system.
	fmt.Fprintf(&b, "\nLittle's law: L = λ × W = %.0f req/s × %s = %.2f requests in flight (workers: %d)\n",
		rate, mean.Round(time.Microsecond), rate*mean.Seconds(), concurrency)
	_, _ = w.Write(b.Bytes())
}

// errLoadFailed makes the load subcommand exit non-zero when any request failed.
var errLoadFailed = errors.New("some requests failed")
