//go:build solution

package zerodrop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
)

// Drive runs cfg.Clients clients against cfg.URL until each stops, and
// reports what they saw.
func Drive(ctx context.Context, cfg Config) (Report, error) {
	if err := check(cfg); err != nil {
		return Report{}, err
	}
	var mu sync.Mutex
	r := Report{Failed: map[Cause]int{}}
	var wg sync.WaitGroup
	for range cfg.Clients {
		wg.Go(func() {
			// One transport per client, which sends one request at a time:
			// one keep-alive connection, as from a load balancer.
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: cfg.Timeout}
			for range cfg.MaxRequests {
				// ctx only says "start no more"; a request already sent
				// is not cancelled, or the stop itself would be a failure.
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				r.Sent++
				mu.Unlock()
				cause, closing := send(c, cfg.URL)
				mu.Lock()
				if cause == "" {
					r.OK++
				} else {
					r.Failed[cause]++
				}
				mu.Unlock()
				if cause != "" || closing {
					return // a failure takes the backend out, as Connection: close does
				}
			}
		})
	}
	wg.Wait()
	return r, nil
}

func check(cfg Config) error {
	if cfg.Clients < 1 || cfg.MaxRequests < 1 || cfg.Timeout <= 0 {
		return fmt.Errorf("clients %d, max requests %d, timeout %v: each must be positive", cfg.Clients, cfg.MaxRequests, cfg.Timeout)
	}
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return err
	}
	if u.Scheme != "http" {
		return fmt.Errorf("URL %q: want http://", cfg.URL)
	}
	if h := u.Hostname(); h != "localhost" {
		if ip := net.ParseIP(h); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("URL %q: host is not loopback", cfg.URL)
		}
	}
	return nil
}

// send makes one POST. It returns "" for a 2xx read to its end, else the
// cause, and whether the server asked to close the connection.
func send(c *http.Client, target string) (Cause, bool) {
	req, err := http.NewRequest(http.MethodPost, target, nil) // POST: the transport never retries it
	if err != nil {
		return Other, false
	}
	resp, err := c.Do(req)
	if err != nil {
		return Classify(err), false
	}
	defer resp.Body.Close()
	// Read to the end: a body left unread keeps the connection from reuse.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return Classify(err), false
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Status, resp.Close
	}
	return "", resp.Close
}

// Classify names the cause of a failed request's error; nil is "".
func Classify(err error) Cause {
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.ECONNREFUSED):
		return Refused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return Reset
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return Timeout
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		// net/http's unexported errServerClosedIdle: the server closed a
		// kept-alive connection as the request went out.
		strings.Contains(err.Error(), "server closed idle connection"):
		return EOF
	}
	return Other
}
