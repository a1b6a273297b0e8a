// Command 08-handlers serves an articles API whose handlers are organized as
// a controller over a service interface, injected through a constructor.
//
//	go run ./08-handlers            # listens on 127.0.0.1:8008
//
// Every flag has an environment variable of the same meaning (see
// parseConfig); a flag given on the command line wins. The tokens
// alice-token and bob-token sign you in.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"time"

	"workbook/08-handlers/article"
	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string // host:port to listen on
	logFormat string // "text" or "json"
}

// shutdownGrace is how long in-flight requests get to finish after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "08-handlers:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "08-handlers:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, taking each default from the
// environment (ADDR, LOG_FORMAT) and then from laptop-friendly values. Flag
// errors and -h usage are written to usage.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("08-handlers", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8008"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// run serves the seeded articles API until Ctrl-C or SIGTERM, then lets
// requests in flight finish within shutdownGrace (chapter 20 takes graceful
// shutdown apart).
func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	svc := article.NewMemory(nil)
	seed(svc)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	logger.Info("listening", "url", url, "try", "curl "+url+"/articles")
	return serve.Run(ctx, serve.NewServer(newRouter(svc, logger), logger), ln, logger, shutdownGrace)
}

// seed gives a fresh server something to show.
func seed(svc article.Service) {
	_, _ = svc.Create(context.Background(), article.NewArticle{
		Title: "Handlers are thin", Description: "where the work belongs",
		Body: "Extract, validate, call the service, map errors, format.", Author: "alice",
	})
}
