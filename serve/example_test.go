package serve_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"workbook/serve"
)

func ExampleEnvOr() {
	env := map[string]string{"ADDR": "127.0.0.1:9000"}
	getenv := func(key string) string { return env[key] }

	fmt.Println(serve.EnvOr(getenv, "ADDR", "127.0.0.1:8000"))
	fmt.Println(serve.EnvOr(getenv, "LOG_FORMAT", "text"))
	// Output:
	// 127.0.0.1:9000
	// text
}

// A chapter's main, reduced to the shared part: the process serves until
// Ctrl-C or SIGTERM, then gives requests in flight ten seconds to finish.
func ExampleRun() {
	ctx, stop := serve.SignalContext()
	defer stop()
	logger, err := serve.NewLogger(serve.EnvOr(os.Getenv, "LOG_FORMAT", "text"), os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", serve.EnvOr(os.Getenv, "ADDR", "127.0.0.1:8000"))
	if err != nil {
		logger.Error("listen failed", "err", err)
		os.Exit(1)
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String())

	srv := serve.NewServer(http.NotFoundHandler(), logger)
	if err := serve.Run(ctx, srv, ln, logger, 10*time.Second); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
