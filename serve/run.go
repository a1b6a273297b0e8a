package serve

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Run serves srv on ln until ctx is done, then shuts srv down gracefully:
// ln closes at once (new connections are refused), idle connections are
// closed, and requests in flight get up to grace to finish. Run logs
// "shutting down" through logger when that starts, and nothing else: the
// caller logs its own "listening" line, with whatever it wants to show,
// once ln is open.
//
// If srv.TLSConfig is non-nil Run serves HTTPS, and the certificate must
// already be in srv.TLSConfig (Certificates or GetCertificate): no files
// are read.
//
// Run returns nil after a clean shutdown. It returns the serve error at once
// if serving stops before ctx is done (ln was closed or broke, or the TLS
// configuration has no certificate). If the grace period runs out it cuts
// the remaining connections and returns Shutdown's error
// (context.DeadlineExceeded) joined with Close's.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, logger *slog.Logger, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		if srv.TLSConfig != nil {
			errc <- srv.ServeTLS(ln, "", "")
			return
		}
		errc <- srv.Serve(ln)
	}()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", grace)
	// ctx is already done, so the grace period hangs off a context that is not.
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return errors.Join(err, srv.Close())
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
