//go:build unix

package serve

import (
	"syscall"
	"testing"
	"time"
)

// TestSignalContext sends SIGTERM to the test process itself: with the
// context in place it is caught, not fatal.
func TestSignalContext(t *testing.T) {
	ctx, stop := SignalContext()
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatalf("kill -TERM self: %v", err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second): // a safety net, not a speed requirement
		t.Fatal("SignalContext() was not cancelled by SIGTERM")
	}
}
