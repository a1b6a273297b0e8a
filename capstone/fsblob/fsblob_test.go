package fsblob_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"workbook/capstone/blobtest"
	"workbook/capstone/fsblob"
)

func TestContract(t *testing.T) {
	s, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	blobtest.Run(t, s)
}

// TestStaysInsideRoot puts files beside the root that a climbing key
// would reach, and checks no operation touches them.
func TestStaysInsideRoot(t *testing.T) {
	parent := t.TempDir()
	outside := filepath.Join(parent, "outside")
	if err := os.WriteFile(outside, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := fsblob.New(filepath.Join(parent, "root"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, k := range []string{"../outside", "a/../../outside", "..", "./../outside"} {
		_ = s.Put(ctx, k, strings.NewReader("x"), 1, "")
		_ = s.Delete(ctx, k)
		if _, _, err := s.Open(ctx, k); err == nil {
			t.Errorf("Open(%q) succeeded", k)
		}
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != "keep" {
		t.Errorf("the file beside the root = %q, %v; want it untouched", b, err)
	}
}

// TestClose: after Close every operation fails, and Close waits for a
// Put in progress, which completes.
func TestClose(t *testing.T) {
	s, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	started, release := make(chan struct{}), make(chan struct{})
	putDone := make(chan error, 1)
	go func() {
		putDone <- s.Put(ctx, "slow", &gatedReader{started: started, release: release, data: "slow bytes"}, 10, "")
	}()
	<-started
	closed := make(chan struct{})
	go func() { _ = s.Close(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("Close returned while a Put was in progress")
	default:
	}
	close(release)
	if err := <-putDone; err != nil {
		t.Fatalf("the Put in progress = %v, want it to finish", err)
	}
	<-closed
	if err := s.Put(ctx, "late", strings.NewReader("x"), 1, ""); !errors.Is(err, fsblob.ErrClosed) {
		t.Errorf("Put after Close = %v, want ErrClosed", err)
	}
	if _, err := s.Stat(ctx, "slow"); !errors.Is(err, fsblob.ErrClosed) {
		t.Errorf("Stat after Close = %v, want ErrClosed", err)
	}
	if b, err := os.ReadFile(filepath.Join(s.Root(), "slow")); err != nil || string(b) != "slow bytes" {
		t.Errorf("file of the Put in progress = %q, %v", b, err)
	}
}

// gatedReader signals its first Read, then blocks until released.
type gatedReader struct {
	started, release chan struct{}
	data             string
	done             bool
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.done {
		return 0, io.EOF
	}
	close(g.started)
	<-g.release
	g.done = true
	return copy(p, g.data), nil
}
