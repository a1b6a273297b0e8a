// Command loadgen measures the capstone against a bare net/http handler that
// returns the same JSON bytes, in the same run, on loopback:
//
//	go run ./capstone/cmd/loadgen -duration 5s -concurrency 8
//
// It seeds the in-memory store with one author and 20 articles through the
// real services, records the capstone's responses to GET /api/articles and
// GET /api/articles/{slug}, serves those exact bytes from a bare handler,
// then loads the two servers in alternation with the same client — -rounds
// short turns each, so a change in the machine's load hits both sides alike
// — and prints requests/s, p50 and p99 and the capstone/bare throughput
// ratio as a Markdown table. Every phase is bounded by -duration and by
// -max-requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"workbook/capstone/conduit"
	"workbook/capstone/httpapi"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

func main() {
	duration := flag.Duration("duration", 5*time.Second, "load time per server and endpoint, split into rounds (max 60s)")
	rounds := flag.Int("rounds", 5, "alternating turns per server and endpoint")
	warmup := flag.Duration("warmup", time.Second, "unmeasured load before each measurement")
	concurrency := flag.Int("concurrency", 8, "concurrent client connections")
	maxRequests := flag.Int64("max-requests", 2_000_000, "upper bound on requests per measurement")
	flag.Parse()
	if *duration <= 0 || *duration > time.Minute || *concurrency < 1 || *concurrency > 256 || *rounds < 1 || *rounds > 100 {
		fmt.Fprintln(os.Stderr, "loadgen: -duration must be in (0, 60s], -concurrency in [1, 256], -rounds in [1, 100]")
		os.Exit(2)
	}
	if err := run(*duration, *warmup, *rounds, *concurrency, *maxRequests); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(duration, warmup time.Duration, rounds, concurrency int, maxRequests int64) error {
	capstone, slug, err := seededCapstone()
	if err != nil {
		return err
	}
	capURL, stopCap, err := serve(capstone)
	if err != nil {
		return err
	}
	defer stopCap()

	paths := []string{"/api/articles", "/api/articles/" + slug}
	bodies := map[string][]byte{}
	for _, p := range paths {
		b, err := fetch(capURL + p)
		if err != nil {
			return err
		}
		bodies[p] = b
	}
	bareURL, stopBare, err := serve(bareHandler(bodies))
	if err != nil {
		return err
	}
	defer stopBare()

	fmt.Printf("loadgen: %d CPUs, GOMAXPROCS %d, %s, concurrency %d, %s per server and endpoint in %d alternating rounds, %s warm-up\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), concurrency, duration, rounds, warmup)
	fmt.Println("| endpoint | response bytes | server | requests/s | p50 | p99 | capstone / bare |")
	fmt.Println("|---|---:|---|---:|---:|---:|---:|")
	for _, p := range paths {
		var bare, full result
		sides := []struct {
			name string
			url  string
			out  *result
		}{{"bare net/http", bareURL, &bare}, {"capstone", capURL, &full}}
		for _, side := range sides {
			load(side.url+p, warmup, concurrency, maxRequests)
		}
		for range rounds {
			for _, side := range sides {
				side.out.add(load(side.url+p, duration/time.Duration(rounds), concurrency, maxRequests/int64(rounds)))
			}
		}
		for _, side := range sides {
			if side.out.errors > 0 {
				return fmt.Errorf("%s %s: %d failed requests", side.name, p, side.out.errors)
			}
			slices.Sort(side.out.latencies)
		}
		name := p
		if p != "/api/articles" {
			name = "/api/articles/{slug}"
		}
		fmt.Printf("| GET %s | %d | bare net/http | %.0f | %s | %s | |\n", name, len(bodies[p]), bare.rps(), ms(bare.p(50)), ms(bare.p(99)))
		fmt.Printf("| GET %s | %d | capstone (memory) | %.0f | %s | %s | **%.0f%%** |\n", name, len(bodies[p]), full.rps(), ms(full.p(50)), ms(full.p(99)), 100*full.rps()/bare.rps())
	}
	return nil
}

// seededCapstone returns the capstone handler as main wires it (memory
// store, JSON access logs, metrics; logs go to io.Discard so the terminal
// is not measured) with 20 articles by one author.
func seededCapstone() (http.Handler, string, error) {
	store := memory.New()
	users := &service.Users{Store: store, Hasher: service.Bcrypt{Cost: 10}}
	articles := &service.Articles{Store: store}
	api := httpapi.New(httpapi.Config{
		Users: users, Profiles: &service.Profiles{Users: store, Follows: store},
		Articles: articles, Comments: &service.Comments{Store: store, Articles: store},
		Tokens:   &httpapi.Tokens{Secret: []byte("loadgen-secret-loadgen-secret-loadgen"), TTL: time.Hour},
		Logger:   slog.New(slog.NewJSONHandler(io.Discard, nil)),
		AuthRate: rate.Inf, AuthBurst: 1,
	})
	ctx := context.Background()
	u, err := users.Register(ctx, conduit.NewUser{Username: "author", Email: "author@example.com", Password: "password1"})
	if err != nil {
		return nil, "", err
	}
	var slug string
	for i := range 20 {
		a, err := articles.CreateArticle(ctx, u.ID, conduit.NewArticle{
			Title:       fmt.Sprintf("Article number %d about load testing", i+1),
			Description: "What a Go service costs per request, measured on loopback",
			Body:        "A body of a realistic length for a list page, repeated a little. A body of a realistic length.",
			TagList:     []string{"go", "performance", fmt.Sprintf("tag%d", i%5)},
		})
		if err != nil {
			return nil, "", err
		}
		slug = a.Slug
	}
	return api, slug, nil
}

// bareHandler serves fixed bytes per path: the floor any framework is measured against.
func bareHandler(bodies map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(b)
	})
}

func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "loadgen: serve:", err)
		}
	}()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s = %d", url, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

type result struct {
	elapsed   time.Duration
	latencies []time.Duration
	errors    int64
}

// add merges another round into r.
func (r *result) add(o result) {
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	r.errors += o.errors
}

func (r result) rps() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

func (r result) p(q int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[(len(r.latencies)-1)*q/100]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d.Microseconds())/1000) }

// load sends GETs to url from concurrency keep-alive connections until
// duration passes or maxRequests have been sent.
func load(url string, duration time.Duration, concurrency int, maxRequests int64) result {
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency},
	}
	defer client.CloseIdleConnections()
	var (
		sent   atomic.Int64
		errs   atomic.Int64
		mu     sync.Mutex
		all    []time.Duration
		wg     sync.WaitGroup
		start  = time.Now()
		before = start.Add(duration)
	)
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<14)
			for time.Now().Before(before) && sent.Add(1) <= maxRequests {
				t0 := time.Now()
				resp, err := client.Get(url)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					errs.Add(1)
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			all = append(all, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return result{elapsed: time.Since(start), latencies: all, errors: errs.Load()}
}
