// Package serve is the start-up and shutdown every chapter server shares:
// flag defaults from the environment, a slog logger, an http.Server with the
// house timeouts, and a Run that serves until a signal and then drains.
//
// A chapter's main keeps what is its own (flags, routes, the listening log
// line, anything it overrides on the server) and reads, in order:
//
//	ctx, stop := serve.SignalContext()
//	defer stop()
//	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
//	…
//	ln, err := net.Listen("tcp", cfg.addr)
//	…
//	logger.Info("listening", "addr", "http://"+ln.Addr().String())
//	return serve.Run(ctx, serve.NewServer(handler, logger), ln, logger, 10*time.Second)
//
// Chapter 20 (graceful shutdown) takes Run apart step by step.
package serve
