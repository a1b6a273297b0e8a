// Command 08-handlers serves an articles API whose handlers are organised as
// a controller over a service interface, injected through a constructor.
//
//	go run ./08-handlers            # listens on 127.0.0.1:8008
//
// Flags: -addr (env ADDR). Tokens alice-token and bob-token sign you in.
package main

import (
	"context"
	"flag"
	"log/slog"
	"net"
	"os"
	"time"

	"workbook/08-handlers/article"
	"workbook/serve"
)

func main() {
	addr := flag.String("addr", serve.EnvOr(os.Getenv, "ADDR", "127.0.0.1:8008"), "listen address (env ADDR)")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stdout, nil))
	if err := run(*addr, logger); err != nil {
		logger.Error("server failed", "err", err)
		os.Exit(1)
	}
}

// run serves the seeded articles API on addr until Ctrl-C or SIGTERM.
func run(addr string, logger *slog.Logger) error {
	svc := article.NewMemory(nil)
	seed(svc)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ctx, stop := serve.SignalContext()
	defer stop()

	url := "http://" + ln.Addr().String()
	logger.Info("08-handlers listening", "addr", url, "try", "curl "+url+"/articles")
	// serve.Run serves until Ctrl-C or SIGTERM, then lets requests in flight
	// finish within ten seconds (chapter 20 takes it apart).
	return serve.Run(ctx, serve.NewServer(newRouter(svc, logger), logger), ln, logger, 10*time.Second)
}

// seed gives a fresh server something to show.
func seed(svc article.Service) {
	_, _ = svc.Create(context.Background(), article.NewArticle{
		Title: "Handlers are thin", Description: "where the work belongs",
		Body: "Extract, validate, call the service, map errors, format.", Author: "alice",
	})
}
