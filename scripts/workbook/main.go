// Command workbook is the Go Backend Workbook's companion: it shows a
// learner's progress and hints, watches files, grades a checkout, and runs
// the repository's own tests. Run `go run ./scripts/workbook help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"workbook/scripts/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	app := &cli.App{Dir: dir, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := app.Main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
