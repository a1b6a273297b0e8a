package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// startBinary builds the chapter into a temp dir, starts it with args and
// returns its base URL, the process, and a wait function that returns the
// exit error and all of stdout (read to EOF before cmd.Wait, as os/exec requires).
func startBinary(t *testing.T, args ...string) (string, *exec.Cmd, func() (string, error)) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gs20")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	var buf strings.Builder
	var mu sync.Mutex
	urlc := make(chan string, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			buf.WriteString(line + "\n")
			mu.Unlock()
			if _, rest, ok := strings.Cut(line, "url="); ok && strings.Contains(line, "msg=listening") {
				urlc <- strings.Fields(rest)[0]
			}
		}
	}()
	select {
	case u := <-urlc:
		return u, cmd, func() (string, error) {
			<-copied
			err := cmd.Wait()
			mu.Lock()
			defer mu.Unlock()
			return buf.String(), err
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not log its address")
	}
	return "", nil, nil
}

// TestZeroDroppedRequestsUnderSIGTERM drives 16 keep-alive clients that
// never retry through a real SIGTERM. A client behaves as a load balancer
// does: it stops sending to this backend once a response says
// `Connection: close`. Every request sent must succeed.
func TestZeroDroppedRequestsUnderSIGTERM(t *testing.T) {
	base, cmd, wait := startBinary(t, "-drain-delay", "1s", "-grace", "20s", "-dep-close", "10ms")
	const clients, maxPerClient = 16, 5000
	var sent, failed, closed atomic.Int64
	var wg sync.WaitGroup
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for range clients {
		wg.Go(func() {
			tr := &http.Transport{MaxIdleConnsPerHost: 1}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr}
			for range maxPerClient {
				if ctx.Err() != nil {
					return
				}
				// POST is not idempotent, so the transport never retries it.
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/work", nil)
				sent.Add(1)
				resp, err := c.Do(req)
				if err != nil {
					failed.Add(1)
					t.Errorf("request failed: %v", err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
					t.Errorf("status %d", resp.StatusCode)
				}
				if resp.Close {
					closed.Add(1)
					return // draining: the load balancer takes this backend out
				}
			}
		})
	}
	// Signal once the load is under way (a barrier on the count, not a sleep).
	for sent.Load() < 200 && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	log, err := wait()
	t.Logf("clients=%d sent=%d failed=%d told-to-close=%d", clients, sent.Load(), failed.Load(), closed.Load())
	if err != nil {
		t.Errorf("exit: %v, want status 0\n%s", err, log)
	}
	if failed.Load() != 0 {
		t.Errorf("failed = %d, want 0", failed.Load())
	}
	if closed.Load() != clients {
		t.Errorf("%d clients were told Connection: close, want %d", closed.Load(), clients)
	}
	last := -1
	for _, step := range []string{"signal received", "shutdown 1/6", "shutdown 2/6", "shutdown 3/6: listener closed", "http drained", "shutdown 4/6", "worker: stopped", "shutdown 5/6", "shutdown 6/6: closing", "dependency closed", "shutdown: complete"} {
		i := strings.Index(log, step)
		if i <= last {
			t.Errorf("log lacks %q after the previous step:\n%s", step, log)
		}
		last = i
	}
}

// TestStuckDependencyIsForced: a dependency whose Close never returns cannot
// hold the process past the hard deadline.
func TestStuckDependencyIsForced(t *testing.T) {
	_, cmd, wait := startBinary(t, "-drain-delay", "0s", "-grace", "1s", "-dep-close", "-1s")
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	type result struct {
		err error
		log string
	}
	exited := make(chan result, 1)
	go func() { log, err := wait(); exited <- result{err, log} }()
	select {
	case r := <-exited:
		err := r.err
		t.Logf("grace=1s, exited after %v (bound 30s)", time.Since(start).Round(time.Millisecond))
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitForced {
			t.Errorf("exit = %v, want status %d", err, exitForced)
		}
		if !strings.Contains(r.log, "shutdown forced") {
			t.Errorf("log lacks the forced message:\n%s", r.log)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("process still running 30s after SIGTERM with a 1s grace")
	}
}
