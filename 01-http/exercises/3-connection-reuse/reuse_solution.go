//go:build solution

package connreuse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
)

// Probe sends n GET requests to url through client, one after another,
// treating each response body as handling says, and reports which
// connection carried each request.
func Probe(ctx context.Context, client *http.Client, url string, n int, handling BodyHandling) (Report, error) {
	if n < 1 {
		return Report{}, fmt.Errorf("%w: got %d", ErrInvalidCount, n)
	}
	var rep Report
	for i := range n {
		use, err := fetch(ctx, client, url, handling)
		if err != nil {
			return rep, fmt.Errorf("request %d of %d: %w", i+1, n, err)
		}
		rep.Requests = append(rep.Requests, use)
		if use.Reused {
			rep.Reused++
		} else {
			rep.NewConns++
		}
	}
	return rep, nil
}

// Connections sends n GET requests to url through client all at once and
// returns how many distinct connections carried them.
func Connections(ctx context.Context, client *http.Client, url string, n int) (int, error) {
	if n < 1 {
		return 0, fmt.Errorf("%w: got %d", ErrInvalidCount, n)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns = make(map[string]bool)
		errs  = make([]error, n)
	)
	for i := range n {
		wg.Go(func() {
			use, err := fetch(ctx, client, url, DrainAndClose)
			if err != nil {
				errs[i] = err
				return
			}
			mu.Lock()
			conns[use.LocalAddr] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	return len(conns), errors.Join(errs...)
}

// fetch sends one GET and records, through an httptrace.ClientTrace, the
// connection the transport picked for it.
func fetch(ctx context.Context, client *http.Client, url string, handling BodyHandling) (ConnUse, error) {
	var use ConnUse
	trace := &httptrace.ClientTrace{
		// GotConn runs once the transport has a connection for the request:
		// a pooled one (Reused) or a freshly dialled one.
		GotConn: func(info httptrace.GotConnInfo) {
			use.Reused = info.Reused
			use.WasIdle = info.WasIdle
			use.LocalAddr = info.Conn.LocalAddr().String()
		},
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodGet, url, nil)
	if err != nil {
		return use, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return use, err
	}
	use.Proto, use.Status = resp.Proto, resp.StatusCode
	if handling == DrainAndClose {
		// Reading to EOF tells the HTTP/1.1 transport the response is over,
		// so the connection can go back to the pool.
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			resp.Body.Close()
			return use, err
		}
	}
	return use, resp.Body.Close()
}
