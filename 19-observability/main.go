// Command 19-observability runs two small services in one process — a public
// frontend and an articles backend it calls over loopback HTTP — and makes
// every request observable: JSON logs with request and trace IDs (PII
// redacted), Prometheus metrics at /metrics, OpenTelemetry spans that cross
// the two services, and /livez and /readyz.
//
//	go run ./19-observability                              # 127.0.0.1:8019, spans to stdout
//	go run ./19-observability -db-delay 2s                 # a slow database: /readyz fails in 300ms
//	go run ./19-observability -tracing otlp -sample-ratio 0.1
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
	"os"
	"strconv"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"workbook/serve"
)

// config is everything the process can be told at start-up.
type config struct {
	addr         string        // the frontend's host:port
	logFormat    string        // "json" or "text"
	logLevel     slog.Level    // the lowest level written
	tracing      string        // "stdout", "otlp" or "off"
	otlpEndpoint string        // OTLP/HTTP URL; empty: the exporter's default (OTEL_EXPORTER_OTLP_ENDPOINT or localhost:4318)
	sampleRatio  float64       // share of new traces kept, 0..1
	readyTimeout time.Duration // each readiness check's deadline
	dbDelay      time.Duration // the fake database's latency
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "19-observability:", err)
		os.Exit(2)
	}
	logger, err := newLogger(cfg.logFormat, os.Stdout, cfg.logLevel)
	if err != nil {
		fmt.Fprintln(os.Stderr, "19-observability:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the environment
// (ADDR, LOG_FORMAT, LOG_LEVEL, TRACING, OTLP_ENDPOINT, SAMPLE_RATIO,
// READY_TIMEOUT, DB_DELAY) and then from laptop-friendly values.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	ratio, err := strconv.ParseFloat(serve.EnvOr(getenv, "SAMPLE_RATIO", "1"), 64)
	if err != nil {
		return config{}, fmt.Errorf("SAMPLE_RATIO=%q is not a number", getenv("SAMPLE_RATIO"))
	}
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{{"READY_TIMEOUT", "300ms"}, {"DB_DELAY", "0s"}} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}
	var level string
	fs := flag.NewFlagSet("19-observability", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8019"), "frontend listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	fs.StringVar(&level, "log-level", serve.EnvOr(getenv, "LOG_LEVEL", "info"), "lowest level logged: debug, info, warn, error (env LOG_LEVEL)")
	fs.StringVar(&cfg.tracing, "tracing", serve.EnvOr(getenv, "TRACING", "stdout"), "span exporter: stdout, otlp or off (env TRACING)")
	fs.StringVar(&cfg.otlpEndpoint, "otlp-endpoint", serve.EnvOr(getenv, "OTLP_ENDPOINT", ""), "OTLP/HTTP traces URL, e.g. http://localhost:4318/v1/traces (env OTLP_ENDPOINT)")
	fs.Float64Var(&cfg.sampleRatio, "sample-ratio", ratio, "share of new traces sampled, 0..1 (env SAMPLE_RATIO)")
	fs.DurationVar(&cfg.readyTimeout, "ready-timeout", durations["READY_TIMEOUT"], "deadline of each readiness check (env READY_TIMEOUT)")
	fs.DurationVar(&cfg.dbDelay, "db-delay", durations["DB_DELAY"], "latency of the fake database (env DB_DELAY)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if err := cfg.logLevel.UnmarshalText([]byte(level)); err != nil {
		return config{}, fmt.Errorf("log level must be debug, info, warn or error, got %q", level)
	}
	switch {
	case cfg.logFormat != "json" && cfg.logFormat != "text":
		return config{}, fmt.Errorf("log format must be json or text, got %q", cfg.logFormat)
	case cfg.tracing != "stdout" && cfg.tracing != "otlp" && cfg.tracing != "off":
		return config{}, fmt.Errorf("tracing must be stdout, otlp or off, got %q", cfg.tracing)
	case !(cfg.sampleRatio >= 0 && cfg.sampleRatio <= 1):
		return config{}, fmt.Errorf("sample ratio must be between 0 and 1, got %v", cfg.sampleRatio)
	case cfg.readyTimeout <= 0:
		return config{}, fmt.Errorf("ready timeout must be positive, got %s", cfg.readyTimeout)
	case cfg.dbDelay < 0:
		return config{}, fmt.Errorf("db delay must not be negative, got %s", cfg.dbDelay)
	}
	return cfg, nil
}

// system is the two services wired together.
type system struct {
	frontend, backend http.Handler
	metrics           *metrics
}

// newSystem builds both services. backendURL is where the frontend finds the
// backend; providers gives each service its tracer provider.
func newSystem(logger *slog.Logger, backendURL string, cfg config, providers func(service string) *sdktrace.TracerProvider) system {
	m := newMetrics()
	db := newStore(cfg.dbDelay)
	client := &http.Client{Timeout: 5 * time.Second}
	beObs := &observer{service: "backend", logger: logger, metrics: m, tracer: providers("backend").Tracer("workbook/19-observability")}
	feTracer := providers("frontend").Tracer("workbook/19-observability")
	feObs := &observer{service: "frontend", logger: logger, metrics: m, tracer: feTracer}
	ready := readyHandler([]dependency{
		{name: "backend", check: httpCheck(client, backendURL+"/livez")},
		{name: "database", check: db.Ping},
	}, cfg.readyTimeout, logger)
	be := &backendClient{base: backendURL, client: client, tracer: feTracer}
	return system{
		frontend: frontendRoutes(feObs, be, ready),
		backend:  backendRoutes(beObs, db),
		metrics:  m,
	}
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	// One provider (and exporter) per service, each with its service.name.
	tps := map[string]*sdktrace.TracerProvider{}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, tp := range tps {
			_ = tp.Shutdown(sctx) // flushes the last spans
		}
	}()
	for _, service := range []string{"frontend", "backend"} {
		exp, err := newExporter(ctx, cfg.tracing, cfg.otlpEndpoint, os.Stdout)
		if err != nil {
			return err
		}
		var opts []sdktrace.TracerProviderOption
		if exp != nil {
			opts = append(opts, sdktrace.WithBatcher(exp))
		}
		tps[service] = newTracerProvider(service, cfg.sampleRatio, opts...)
	}

	// The backend listens on a loopback port of its own: a real second hop.
	beLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	feLn, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		beLn.Close()
		return err
	}
	sys := newSystem(logger, "http://"+beLn.Addr().String(), cfg, func(s string) *sdktrace.TracerProvider { return tps[s] })

	beSrv := serve.NewServer(sys.backend, logger)
	beDone := make(chan error, 1)
	go func() { beDone <- serve.Run(ctx, beSrv, beLn, logger, 10*time.Second) }()
	logger.Info("listening", "service", "backend", "addr", "http://"+beLn.Addr().String())
	logger.Info("listening", "service", "frontend", "addr", "http://"+feLn.Addr().String(),
		"tracing", cfg.tracing, "sample_ratio", cfg.sampleRatio)
	err = serve.Run(ctx, serve.NewServer(sys.frontend, logger), feLn, logger, 10*time.Second)
	return errors.Join(err, <-beDone)
}
