// Command loadgen measures the capstone against a bare net/http handler that
// returns the same bytes, side by side in one run, on loopback:
//
//	go run ./capstone/cmd/loadgen                  # memory store + in-process LRU, as `go run ./capstone`
//	go run ./capstone/cmd/loadgen -store postgres -database-url postgres://… -memcached 127.0.0.1:11211
//
// It wires the capstone as its main does (store, cache, the full httpapi
// middleware chain, the same http.Server timeouts, JSON access logs written
// to /dev/null), seeds one author and 20 articles through the services,
// records the capstone's responses to GET /api/articles?limit=20 and
// GET /api/articles/{slug}, and serves those exact bytes from a bare
// handler behind an identical http.Server. It then loads the two servers
// from one http.Transport holding -conns keep-alive connections to each, in
// alternation — -rounds short turns each after a warm-up, so a change in
// the machine's load hits both sides alike — and prints requests/s, p50,
// p99 and the capstone/bare throughput ratio as a Markdown table, then the
// connections each server saw (dialled, accepted, closed, at most active at
// once). Every phase is bounded by its duration and by -max-requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// The targets for the list page.
const (
	targetRatio = 0.7
	targetP99   = 20 * time.Millisecond
)

type options struct {
	duration, warmup time.Duration
	rounds, conns    int
	maxRequests      int64
	cpuProfile       string
	backend          backendOptions
}

func main() {
	var o options
	var memcached string
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "measured load per server and endpoint, split into rounds (max 60s)")
	flag.IntVar(&o.rounds, "rounds", 5, "alternating turns per server and endpoint")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured load per server and endpoint before the rounds (max 60s)")
	flag.IntVar(&o.conns, "conns", 64, "keep-alive connections to each server, one request in flight on each")
	flag.Int64Var(&o.maxRequests, "max-requests", 2_000_000, "upper bound on requests per server and endpoint")
	flag.StringVar(&o.backend.store, "store", "memory", "capstone store: memory or postgres")
	flag.StringVar(&o.backend.databaseURL, "database-url", os.Getenv("DATABASE_URL"), "PostgreSQL URL for -store postgres (env DATABASE_URL)")
	flag.StringVar(&memcached, "memcached", os.Getenv("MEMCACHED_ADDRS"), "comma-separated memcached host:port list; empty: the in-process LRU (env MEMCACHED_ADDRS)")
	flag.IntVar(&o.backend.cacheSize, "cache-size", 10_000, "entries of the in-process LRU without -memcached; 0: no cache")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run (client and both servers) to this file")
	flag.Parse()
	for _, a := range strings.Split(memcached, ",") {
		if a = strings.TrimSpace(a); a != "" {
			o.backend.memcached = append(o.backend.memcached, a)
		}
	}
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func (o options) validate() error {
	var problems []error
	if o.duration <= 0 || o.duration > time.Minute || o.warmup < 0 || o.warmup > time.Minute {
		problems = append(problems, errors.New("-duration must be in (0, 60s] and -warmup in [0, 60s]"))
	}
	if o.rounds < 1 || o.rounds > 100 {
		problems = append(problems, errors.New("-rounds must be in [1, 100]"))
	}
	if o.conns < 1 || o.conns > 1024 {
		problems = append(problems, errors.New("-conns must be in [1, 1024]"))
	}
	if o.maxRequests < int64(o.rounds) {
		problems = append(problems, errors.New("-max-requests must be at least -rounds"))
	}
	switch o.backend.store {
	case "memory":
	case "postgres":
		if o.backend.databaseURL == "" {
			problems = append(problems, errors.New("-store postgres needs -database-url (or DATABASE_URL)"))
		}
	default:
		problems = append(problems, fmt.Errorf("-store %q: want memory or postgres", o.backend.store))
	}
	return errors.Join(problems...)
}

// endpoint is one measured path and the bytes the capstone answered it with.
type endpoint struct {
	name, path string
	body       []byte
	header     http.Header // the capstone's response headers (without Date)
}

// side is one server under load.
type side struct {
	name  string
	url   string
	addr  string
	conns *connCounter
}

func run(ctx context.Context, o options, out io.Writer) error {
	b, err := newBackend(ctx, o.backend)
	if err != nil {
		return err
	}
	defer b.close()
	slug, err := b.seed(ctx)
	if err != nil {
		return err
	}
	capstone, stopCap, err := serve("capstone", b.handler)
	if err != nil {
		return err
	}
	defer stopCap()

	endpoints := []endpoint{
		{name: "GET /api/articles?limit=20", path: "/api/articles?limit=20"},
		{name: "GET /api/articles/{slug}", path: "/api/articles/" + url.PathEscape(slug)},
	}
	// The responses are recorded through the load's own client, so the
	// connection that carries them is one of the -conns.
	c := newClient(o.conns)
	defer c.Close()
	for i, e := range endpoints {
		if endpoints[i].body, endpoints[i].header, err = fetch(c.transport, capstone.url+e.path); err != nil {
			return err
		}
	}
	bare, stopBare, err := serve("bare", bareHandler(endpoints, false))
	if err != nil {
		return err
	}
	defer stopBare()
	// The same response, headers too: what is left between it and the
	// capstone is the work, not the bytes on the wire.
	same, stopSame, err := serve("bare-headers", bareHandler(endpoints, true))
	if err != nil {
		return err
	}
	defer stopSame()
	bare.name, same.name, capstone.name = "bare net/http", "bare net/http, same headers", "capstone ("+b.name+")"
	sides := []*side{bare, same, capstone}

	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	perRound := o.duration / time.Duration(o.rounds)
	fmt.Fprintf(out, "loadgen: %d CPUs, GOMAXPROCS %d, %s; load average %s at start\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), loadAverage())
	fmt.Fprintf(out, "%d keep-alive connections per server; per server and endpoint %s warm-up, then %d alternating rounds of %s\n\n",
		o.conns, o.warmup, o.rounds, perRound)
	fmt.Fprintln(out, "| endpoint | response bytes | server | requests/s | p50 | p99 | capstone / bare |")
	fmt.Fprintln(out, "|---|---:|---|---:|---:|---:|---:|")
	var verdicts []string
	peaks := map[*side]int64{}
	for _, e := range endpoints {
		results := map[*side]*result{bare: {}, same: {}, capstone: {}}
		if o.warmup > 0 {
			for _, s := range sides {
				c.load(s.url+e.path, o.warmup, o.maxRequests)
			}
		}
		for range o.rounds {
			for _, s := range sides {
				// Each turn starts with a clean heap, so a side does not
				// pay for the garbage the other one left.
				runtime.GC()
				s.conns.resetPeak()
				results[s].add(c.load(s.url+e.path, perRound, o.maxRequests/int64(o.rounds)))
				peaks[s] = max(peaks[s], s.conns.peak.Load())
			}
		}
		for _, s := range sides {
			r := results[s]
			if r.errors > 0 {
				return fmt.Errorf("%s %s: %d failed requests, the first: %v", s.name, e.name, r.errors, r.firstErr)
			}
			r.finish()
		}
		br, sr, cr := results[bare], results[same], results[capstone]
		ratio, sameRatio := cr.rps()/br.rps(), cr.rps()/sr.rps()
		for _, row := range []struct {
			s *side
			r *result
		}{{bare, br}, {same, sr}} {
			fmt.Fprintf(out, "| %s | %d | %s | %.0f | %s | %s | |\n", e.name, len(e.body), row.s.name, row.r.rps(), ms(percentile(row.r.latencies, 50)), ms(percentile(row.r.latencies, 99)))
		}
		fmt.Fprintf(out, "| %s | %d | %s | %.0f | %s | %s | **%.2f** (%.2f of same headers) |\n", e.name, len(e.body), capstone.name, cr.rps(),
			ms(percentile(cr.latencies, 50)), ms(percentile(cr.latencies, 99)), ratio, sameRatio)
		if e.path == "/api/articles?limit=20" {
			p99 := percentile(cr.latencies, 99)
			for _, v := range []struct {
				against string
				ratio   float64
			}{{bare.name, ratio}, {same.name, sameRatio}} {
				met := "met"
				if v.ratio < targetRatio || p99 >= targetP99 {
					met = "NOT met"
				}
				verdicts = append(verdicts, fmt.Sprintf("target for %s against %s (ratio ≥ %.2f, capstone p99 < %s): %s — ratio %.2f, p99 %s",
					e.name, v.against, targetRatio, ms(targetP99), met, v.ratio, ms(p99)))
			}
		}
	}
	fmt.Fprintln(out)
	for _, s := range sides {
		fmt.Fprintf(out, "connections to %s: %d dialled by the client, %d accepted by the server (ConnState New), %d closed, at most %d serving a request at once\n",
			s.name, c.Dialed(s.addr), s.conns.opened.Load(), s.conns.closed.Load(), peaks[s])
	}
	for _, v := range verdicts {
		fmt.Fprintln(out, v)
	}
	fmt.Fprintf(out, "load average %s at the end\n", loadAverage())
	return nil
}

// bareHandler serves fixed bytes per request URI (path and query): the
// floor any framework is measured against. With headers, it also sends the
// capstone's response headers as recorded (net/http adds Date to both);
// without, only Content-Type and Content-Length.
func bareHandler(endpoints []endpoint, headers bool) http.Handler {
	type fixed struct {
		body   []byte
		header http.Header
	}
	responses := map[string]fixed{}
	for _, e := range endpoints {
		h := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Content-Length": {strconv.Itoa(len(e.body))}}
		if headers && e.header != nil {
			h = e.header.Clone()
		}
		responses[e.path] = fixed{e.body, h}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := responses[r.RequestURI]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		for k, v := range f.header {
			h[k] = v // framed as the capstone frames it, not chunked
		}
		_, _ = w.Write(f.body)
	})
}

// serve starts h on 127.0.0.1 behind an http.Server with the capstone's
// default timeouts and limits (config.go), counting its connections. Its
// goroutines carry the pprof label server=label, so a -cpuprofile splits
// by side: go tool pprof -tagfocus server=capstone.
func serve(label string, h http.Handler) (*side, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	s := &side{addr: ln.Addr().String(), conns: &connCounter{}}
	s.url = "http://" + s.addr
	srv := &http.Server{
		Handler:           h,
		ReadTimeout:       10 * time.Second,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ConnState:         s.conns.hook,
		ErrorLog:          log.New(os.Stderr, "loadgen: http: ", 0),
	}
	go pprof.Do(context.Background(), pprof.Labels("server", label), func(context.Context) {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "loadgen: serve:", err)
		}
	})
	return s, func() { _ = srv.Close() }, nil
}

func fetch(rt http.RoundTripper, url string) ([]byte, http.Header, error) {
	resp, err := (&http.Client{Transport: rt, Timeout: 5 * time.Second}).Get(url)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s = %d", url, resp.StatusCode)
	}
	body, err := io.ReadAll(resp.Body)
	h := resp.Header.Clone()
	h.Del("Date")
	return body, h, err
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
