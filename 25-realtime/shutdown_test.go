package main

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// startBinary builds the chapter, starts it on a free port with args, and
// returns its base URL and the process; logs go to the returned channel's
// closer once the process ends.
func startBinary(t *testing.T, args ...string) (string, *exec.Cmd, <-chan string) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rt25")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-token-secret", "s"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	urlc, logc := make(chan string, 1), make(chan string, 1)
	go func() {
		var all strings.Builder
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			all.WriteString(line + "\n")
			if _, rest, ok := strings.Cut(line, "url="); ok && strings.Contains(line, "msg=listening") {
				urlc <- strings.Fields(rest)[0]
			}
		}
		logc <- all.String()
	}()
	select {
	case u := <-urlc:
		return u, cmd, logc
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not log its address")
	}
	return "", nil, nil
}

// TestSIGTERMClosesWebSocketsAndEndsStreams: on SIGTERM a WebSocket client
// gets a 1001 close frame, an SSE stream ends, and the process exits 0.
func TestSIGTERMClosesWebSocketsAndEndsStreams(t *testing.T) {
	base, cmd, logc := startBinary(t)
	s := &testServer{URL: base}
	tok := s.token(t, "alice")
	ws := s.dial(t, "lobby", tok, "")
	res, sse := s.openSSE(t, "lobby", tok, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET /events = %d", res.StatusCode)
	}
	sse.nextEvent(t) // the stream is open: the join of the WebSocket or the stream
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	var err error
	for err == nil {
		_, _, err = ws.ReadMessage()
	}
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseGoingAway {
		t.Errorf("WebSocket read ended with %v, want a close frame 1001 (going away)", err)
	}

	ended := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, res.Body); ended <- err }()
	select {
	case err := <-ended:
		if err != nil {
			t.Errorf("SSE stream ended with %v, want a clean end", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the SSE stream was still open 10 s after SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v, want 0", err)
	}
	if log := <-logc; !strings.Contains(log, "msg=stopped") {
		t.Errorf("log lacks the stopped line:\n%s", log)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the server still answers after exiting")
	}
}
