package serve

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

var discardLogger = slog.New(slog.DiscardHandler)

// start runs Run in the background on a loopback port and returns the
// listener's address, the cancel that starts the shutdown, and the channel
// Run's result arrives on.
func start(t *testing.T, srv *http.Server, grace time.Duration) (addr string, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, srv, ln, discardLogger, grace) }()
	return ln.Addr().String(), cancel, errc
}

// wait returns Run's result; the timeout only guards against a hung test.
func wait(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

// blockingHandler answers 200 "finished" once release is closed, and
// closes entered when a request has arrived.
func blockingHandler(entered, release chan struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "finished")
	})
}

type response struct {
	status int
	body   string
	err    error
}

// get sends GET url on its own connection and delivers the outcome on the
// returned channel.
func get(client *http.Client, url string) <-chan response {
	c := make(chan response, 1)
	go func() {
		res, err := client.Get(url)
		if err != nil {
			c <- response{err: err}
			return
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		c <- response{status: res.StatusCode, body: string(body), err: err}
	}()
	return c
}

func newClient(t *testing.T) *http.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// TestRunDrainsInFlightRequests cancels the context while a request is being
// handled: the listener closes at once, the request still gets its whole
// answer, and only then does Run return nil.
func TestRunDrainsInFlightRequests(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	srv := NewServer(blockingHandler(entered, release), discardLogger)
	// Shutdown calls these after it has closed the listener.
	listenerClosed := make(chan struct{})
	srv.RegisterOnShutdown(func() { close(listenerClosed) })
	addr, cancel, done := start(t, srv, time.Minute)

	resc := get(newClient(t), "http://"+addr+"/slow")
	<-entered
	cancel()

	select {
	case <-listenerClosed:
	case err := <-done:
		t.Fatalf("Run returned %v while a request was in flight, want it to wait", err)
	}
	if conn, err := net.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Error("dialing during shutdown succeeded, want the connection refused")
	}

	close(release)
	res := <-resc
	if res.err != nil || res.status != http.StatusOK || res.body != "finished" {
		t.Errorf("in-flight GET = %d %q, %v; want 200 \"finished\", nil", res.status, res.body, res.err)
	}
	if err := wait(t, done); err != nil {
		t.Errorf("Run() = %v after a clean shutdown, want nil", err)
	}
}

// TestRunCutsRequestsPastGrace gives a request that never finishes a grace
// period of one nanosecond: Run must close its connection and say so.
func TestRunCutsRequestsPastGrace(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	srv := NewServer(blockingHandler(entered, release), discardLogger)
	addr, cancel, done := start(t, srv, time.Nanosecond)

	resc := get(newClient(t), "http://"+addr+"/forever")
	<-entered
	cancel()

	if err := wait(t, done); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run() = %v when the grace period ran out, want context.DeadlineExceeded", err)
	}
	if res := <-resc; res.err == nil {
		t.Errorf("GET cut by Close = %d %q, want a connection error", res.status, res.body)
	}
}

// brokenListener fails every Accept, as a listener whose socket was torn
// down under it would.
type brokenListener struct{ err error }

func (l brokenListener) Accept() (net.Conn, error) { return nil, l.err }
func (l brokenListener) Close() error              { return nil }
func (l brokenListener) Addr() net.Addr            { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)} }

func TestRunReturnsListenerError(t *testing.T) {
	errBroken := errors.New("accept: broken")
	srv := NewServer(http.NotFoundHandler(), discardLogger)
	// ctx is never cancelled: the error alone must end Run.
	err := Run(context.Background(), srv, brokenListener{errBroken}, discardLogger, time.Minute)
	if !errors.Is(err, errBroken) {
		t.Errorf("Run() on a failing listener = %v, want %v", err, errBroken)
	}
}

// TestRunServesTLS borrows httptest's self-signed certificate for
// 127.0.0.1: with it in srv.TLSConfig, Run speaks HTTPS.
func TestRunServesTLS(t *testing.T) {
	cert := httptest.NewUnstartedServer(nil)
	cert.StartTLS()
	certs, root := cert.TLS.Certificates, cert.Certificate()
	cert.Close()

	srv := NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Proto)
	}), discardLogger)
	srv.TLSConfig = &tls.Config{Certificates: certs}
	addr, cancel, done := start(t, srv, time.Minute)

	pool := x509.NewCertPool()
	pool.AddCert(root)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	t.Cleanup(tr.CloseIdleConnections)
	res := <-get(&http.Client{Transport: tr}, "https://"+addr+"/")
	if res.err != nil || res.status != http.StatusOK {
		t.Errorf("GET https://%s/ = %d %q, %v; want 200 over TLS", addr, res.status, res.body, res.err)
	}
	cancel()
	if err := wait(t, done); err != nil {
		t.Errorf("Run() = %v after a clean shutdown, want nil", err)
	}
}
