package serve

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// SignalContext returns a context that is cancelled on the first SIGINT
// (Ctrl-C) or SIGTERM (what `docker stop` and Kubernetes send): the signal
// to start a graceful shutdown. Until stop is called those signals no longer
// kill the process, not even a second Ctrl-C during a slow shutdown (Run's
// grace period bounds that wait); call stop, usually deferred, to release them.
func SignalContext() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
