// Command 22-scaling runs a load balancer (httputil.ReverseProxy) in front
// of N in-process app instances, each on its own loopback listener, with
// active and passive health checks, pprof on a separate debug listener,
// and a built-in load generator.
//
//	go run ./22-scaling                                  # balancer on 127.0.0.1:8022, pprof on 127.0.0.1:6022
//	go run ./22-scaling -strategy weighted -weights 3,1,1
//	go run ./22-scaling load -url http://127.0.0.1:8022/work -n 2000 -c 8
//
// Every flag has an environment variable of the same meaning (see parseConfig).
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
	"net/http/pprof"
	"os"
	"strconv"
	"strings"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string        // the balancer's listen address
	debugAddr string        // pprof's listen address; "" turns it off
	instances int           // app instances behind the balancer
	strategy  string        // round-robin, least-connections or weighted
	weights   []int         // one per instance, for weighted
	health    healthConfig  // active health checks
	replLag   time.Duration // how far the fake replica trails the primary
	ryw       time.Duration // read-your-writes window after a write
	workTime  time.Duration // simulated I/O of POST /work
	hotSpot   bool          // serve /articles with the planted slow code
	logFormat string        // "text" or "json"
}

// strategies names the balancer's choices for -strategy.
var strategies = map[string]func() strategy{
	"round-robin":       roundRobin,
	"least-connections": leastConnections,
	"weighted":          weightedRandom,
}

// serveGrace is how long the balancer drains in-flight requests on stop.
const serveGrace = 10 * time.Second

func itoa(i int) string { return strconv.Itoa(i) }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "load" {
		os.Exit(mainLoad(os.Args[2:]))
	}
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "22-scaling:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "22-scaling:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// mainLoad is the load subcommand: it prints the run's table and exits 1
// when any request failed.
func mainLoad(args []string) int {
	cfg, err := parseLoadConfig(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "22-scaling load:", err)
		return 2
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: cfg.concurrency}}
	res := runLoad(context.Background(), cfg, client)
	res.report(os.Stdout, cfg.concurrency)
	if res.failed > 0 {
		fmt.Fprintln(os.Stderr, "22-scaling load:", errLoadFailed)
		return 1
	}
	return 0
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, DEBUG_ADDR, INSTANCES, STRATEGY, WEIGHTS,
// HEALTH_INTERVAL, HEALTH_TIMEOUT, UNHEALTHY_AFTER, HEALTHY_AFTER,
// REPLICA_LAG, RYW_WINDOW, WORK_TIME, HOT_SPOT, LOG_FORMAT) and then from
// laptop-friendly values. Flag errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{
		{"HEALTH_INTERVAL", "500ms"}, {"HEALTH_TIMEOUT", "200ms"}, {"REPLICA_LAG", "2s"}, {"RYW_WINDOW", "5s"}, {"WORK_TIME", "2ms"},
	} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}
	ints := map[string]int{}
	for _, d := range []struct{ env, def string }{{"INSTANCES", "3"}, {"UNHEALTHY_AFTER", "2"}, {"HEALTHY_AFTER", "2"}} {
		v, err := strconv.Atoi(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not an integer", d.env, getenv(d.env))
		}
		ints[d.env] = v
	}
	hot, err := strconv.ParseBool(serve.EnvOr(getenv, "HOT_SPOT", "true"))
	if err != nil {
		return config{}, fmt.Errorf("HOT_SPOT=%q is not a boolean", getenv("HOT_SPOT"))
	}

	cfg := config{hotSpot: hot}
	var weights string
	fs := flag.NewFlagSet("22-scaling", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8022"), "balancer listen address (env ADDR)")
	fs.StringVar(&cfg.debugAddr, "debug-addr", serve.EnvOr(getenv, "DEBUG_ADDR", "127.0.0.1:6022"), "pprof listen address, empty for none (env DEBUG_ADDR)")
	fs.IntVar(&cfg.instances, "instances", ints["INSTANCES"], "app instances behind the balancer, 1 to 16 (env INSTANCES)")
	fs.StringVar(&cfg.strategy, "strategy", serve.EnvOr(getenv, "STRATEGY", "round-robin"), "round-robin, least-connections or weighted (env STRATEGY)")
	fs.StringVar(&weights, "weights", serve.EnvOr(getenv, "WEIGHTS", ""), "comma-separated weight per instance, default all 1 (env WEIGHTS)")
	fs.DurationVar(&cfg.health.interval, "health-interval", durations["HEALTH_INTERVAL"], "time between health probes (env HEALTH_INTERVAL)")
	fs.DurationVar(&cfg.health.timeout, "health-timeout", durations["HEALTH_TIMEOUT"], "a probe slower than this failed (env HEALTH_TIMEOUT)")
	fs.IntVar(&cfg.health.unhealthyAfter, "unhealthy-after", ints["UNHEALTHY_AFTER"], "failed probes in a row that take an instance out (env UNHEALTHY_AFTER)")
	fs.IntVar(&cfg.health.healthyAfter, "healthy-after", ints["HEALTHY_AFTER"], "good probes in a row that bring it back (env HEALTHY_AFTER)")
	fs.DurationVar(&cfg.replLag, "replica-lag", durations["REPLICA_LAG"], "how far the fake replica trails the primary (env REPLICA_LAG)")
	fs.DurationVar(&cfg.ryw, "ryw-window", durations["RYW_WINDOW"], "after a write, reads go to the primary this long (env RYW_WINDOW)")
	fs.DurationVar(&cfg.workTime, "work-time", durations["WORK_TIME"], "simulated I/O of POST /work (env WORK_TIME)")
	fs.BoolVar(&cfg.hotSpot, "hot-spot", cfg.hotSpot, "serve /articles with the planted slow code (env HOT_SPOT)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.instances < 1 || cfg.instances > 16 {
		return config{}, fmt.Errorf("instances must be 1 to 16, got %d", cfg.instances)
	}
	if _, ok := strategies[cfg.strategy]; !ok {
		return config{}, fmt.Errorf("strategy must be round-robin, least-connections or weighted, got %q", cfg.strategy)
	}
	cfg.weights, err = parseWeights(weights, cfg.instances)
	if err != nil {
		return config{}, err
	}
	switch {
	case cfg.health.interval <= 0 || cfg.health.timeout <= 0:
		return config{}, errors.New("health interval and timeout must be positive")
	case cfg.health.timeout >= cfg.health.interval:
		return config{}, fmt.Errorf("health timeout (%s) must be shorter than the interval (%s)", cfg.health.timeout, cfg.health.interval)
	case cfg.health.unhealthyAfter < 1 || cfg.health.healthyAfter < 1:
		return config{}, errors.New("unhealthy-after and healthy-after must be at least 1")
	case cfg.replLag < 0 || cfg.ryw < 0 || cfg.workTime < 0 || cfg.workTime > time.Second:
		return config{}, errors.New("replica-lag and ryw-window must not be negative; work-time must be 0 to 1s")
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// parseWeights reads "3,1,1"; empty means every instance weighs 1.
func parseWeights(s string, n int) ([]int, error) {
	out := make([]int, n)
	if s == "" {
		for i := range out {
			out[i] = 1
		}
		return out, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("weights: %d given for %d instances", len(parts), n)
	}
	for i, p := range parts {
		w, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || w < 1 || w > 100 {
			return nil, fmt.Errorf("weights: %q is not an integer from 1 to 100", p)
		}
		out[i] = w
	}
	return out, nil
}

// debugHandler serves net/http/pprof. It is a listener of its own, on
// loopback: profiles show code and arguments and cost CPU to take, so
// they are never on the public port.
func debugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	db := &dbRouter{db: &fakeDB{lag: cfg.replLag, now: time.Now}, ryw: cfg.ryw, now: time.Now}
	c, err := newCluster(cfg, db, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		c.close()
		return err
	}
	if cfg.debugAddr != "" {
		dln, err := net.Listen("tcp", cfg.debugAddr)
		if err != nil {
			c.close()
			ln.Close()
			return err
		}
		dsrv := serve.NewServer(debugHandler(), logger)
		dsrv.WriteTimeout = 60 * time.Second // a CPU profile takes ?seconds=30 by default
		go func() { _ = dsrv.Serve(dln) }()
		defer dsrv.Close()
		logger.Info("pprof listening", "url", "http://"+dln.Addr().String()+"/debug/pprof/")
	}
	for i, in := range c.instances {
		logger.Info("instance started", "backend", c.lb.backends[i].name, "addr", in.addr, "weight", cfg.weights[i])
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "strategy", cfg.strategy, "instances", cfg.instances)
	return c.run(ctx, ln, cfg.health, logger)
}
