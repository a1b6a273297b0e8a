// Command 18-config serves a small API whose configuration is layered —
// profile defaults < config file < environment < flags — validated at
// start-up with every problem listed, shown with each value's source at
// GET /config (secrets redacted), and reloaded without a restart when the
// config file (or a *_FILE secret) changes or the process gets SIGHUP.
//
//	go run ./18-config                                       # dev profile, 127.0.0.1:8018
//	go run ./18-config -config 18-config/config/dev.conf     # plus a file layer, watched
//	APP_ENV=prod go run ./18-config                          # refuses to start: lists every problem
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"workbook/serve"
)

// config is what start-up is told: where to listen, how to log, which
// profile and which file. The application's own settings (settings.go) come
// from the layers; flags holds those given on the command line.
type config struct {
	addr      string
	logFormat string
	env       string            // profile: dev, staging or prod
	file      string            // config file; "" for none
	flags     map[string]string // layer 4, by key name
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0) // -h: the usage has been printed
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "18-config:", err)
		os.Exit(2)
	}
	in := inputs{profile: cfg.env, file: cfg.file, getenv: os.Getenv, flags: cfg.flags, readFile: os.ReadFile}
	first, err := load(in)
	if err != nil {
		// Every problem at once, one per line, then the usage-error status.
		fmt.Fprintln(os.Stderr, "18-config: invalid configuration:")
		for line := range strings.SplitSeq(err.Error(), "\n") {
			fmt.Fprintln(os.Stderr, "  -", line)
		}
		os.Exit(2)
	}
	level := new(slog.LevelVar)
	logger := newLogger(cfg.logFormat, os.Stdout, level)
	if err := run(cfg, in, first, logger, level); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads the start-up flags, each defaulting to an environment
// variable (ADDR, LOG_FORMAT, APP_ENV, CONFIG_FILE) and then to a laptop
// value, and one flag per non-secret setting. A setting's flag has no
// default of its own — it is the top layer, present or not — so -h shows
// which variable sets it, and never a value. Secrets have no flag at all.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	cfg := config{flags: map[string]string{}}
	fs := flag.NewFlagSet("18-config", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8018"), "listen address (env ADDR)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.StringVar(&cfg.env, "env", serve.EnvOr(getenv, "APP_ENV", "dev"), "profile: dev, staging or prod (env APP_ENV)")
	fs.StringVar(&cfg.file, "config", getenv("CONFIG_FILE"), "config file of key = value lines, watched for changes (env CONFIG_FILE)")
	for _, k := range keys {
		if k.secret {
			continue
		}
		help := fmt.Sprintf("%s (env %s)", k.help, k.env)
		set := func(v string) error { cfg.flags[k.name] = v; return nil }
		if k.isBool {
			fs.BoolFunc(k.flag, help, set)
		} else {
			fs.Func(k.flag, help, set)
		}
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	if _, ok := profiles[cfg.env]; !ok {
		return config{}, fmt.Errorf("env must be dev, staging or prod, got %q", cfg.env)
	}
	return cfg, nil
}

// newLogger is serve.NewLogger with a level that a reload can change.
func newLogger(format string, w io.Writer, level *slog.LevelVar) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// run logs the effective configuration, starts the file watcher and the
// SIGHUP handler, and serves until SIGINT or SIGTERM.
func run(cfg config, in inputs, first *loaded, logger *slog.Logger, level *slog.LevelVar) error {
	ctx, stop := serve.SignalContext()
	defer stop()

	lv := newLive(first, func() (*loaded, error) { return load(in) },
		func(l *loaded) { level.Set(l.settings.LogLevel) }, logger, time.Now)
	for _, s := range view(first, reloadStatus{}).Settings {
		logger.Info("config", "key", s.Key, "value", s.Value, "source", s.Source)
	}

	if files := watchedFiles(in); len(files) > 0 {
		if err := watchFiles(ctx, lv, files); err != nil {
			return fmt.Errorf("watching config files: %w", err)
		}
		logger.Info("watching for changes", "files", files)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go reloadOnSignal(ctx, hup, lv)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "env", cfg.env, "pid", os.Getpid())
	return serve.Run(ctx, serve.NewServer(routes(lv), logger), ln, logger, 10*time.Second)
}

// watchedFiles are the files a reload re-reads: the config file and every
// secret's *_FILE.
func watchedFiles(in inputs) []string {
	var files []string
	if in.file != "" {
		files = append(files, in.file)
	}
	for _, k := range keys {
		if p := in.getenv(k.env + "_FILE"); k.secret && p != "" {
			files = append(files, p)
		}
	}
	return files
}
