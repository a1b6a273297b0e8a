// Command 09-crud serves full create/read/update/delete on Conduit articles
// from a concurrency-safe in-memory store: validation and duplicate
// detection on create, filtering/sorting/pagination on read, PUT versus
// JSON Merge Patch with optimistic concurrency on update, soft delete with
// restore, Idempotency-Key replay on POST and an audit log of every change.
//
//	go run ./09-crud                # from the repository root
//	go run ./09-crud -addr 127.0.0.1:9009 -log text
package main

import (
	"flag"
	"log/slog"
	"net"
	"os"
	"time"

	"workbook/serve"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		slog.Error("09-crud: exit", "err", err)
		os.Exit(1)
	}
}

// run parses configuration, serves until SIGINT/SIGTERM and then drains
// in-flight requests for up to ten seconds.
func run(args []string) error {
	fs := flag.NewFlagSet("09-crud", flag.ContinueOnError)
	addr := fs.String("addr", serve.EnvOr(os.Getenv, "ADDR", "127.0.0.1:8009"), "listen address (env ADDR)")
	logFormat := fs.String("log", serve.EnvOr(os.Getenv, "LOG_FORMAT", "json"), "log format: json or text (env LOG_FORMAT)")
	seed := fs.Bool("seed", serve.EnvOr(os.Getenv, "SEED", "true") == "true", "start with three sample articles (env SEED)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger, err := serve.NewLogger(*logFormat, os.Stdout)
	if err != nil {
		return err
	}

	store := NewStore(time.Now)
	if *seed {
		seedArticles(store)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger.Info("09-crud: listening", "addr", "http://"+ln.Addr().String())

	ctx, stop := serve.SignalContext()
	defer stop()
	// serve.Run drains in-flight requests on shutdown (chapter 20 takes it apart).
	return serve.Run(ctx, serve.NewServer(NewServer(store, logger), logger), ln, logger, 10*time.Second)
}

// seedArticles gives a fresh server something to list. The audit log records
// these as created by "seed".
func seedArticles(s *Store) {
	for _, in := range []ArticleInput{
		{Title: "How to train your dragon", Description: "Ever wonder how?", Body: "You have to believe.", Tags: []string{"dragons", "training"}},
		{Title: "Go channels in practice", Description: "Pipelines and fan-out", Body: "Start with an unbuffered channel.", Tags: []string{"go", "concurrency"}},
		{Title: "Designing idempotent APIs", Description: "Retries without regrets", Body: "Every POST deserves a key.", Tags: []string{"go", "api"}},
	} {
		a, err := NewArticle(in, "jake")
		if err == nil {
			_, _ = s.Create("seed", a)
		}
	}
}
