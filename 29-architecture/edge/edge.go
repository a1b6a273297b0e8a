// Package edge is the web server in front of the app: a reverse proxy on
// its own listener, the system's trust boundary. It gives every request a
// fresh request ID (a client cannot choose it), starts the request's trace,
// and turns an unreachable or slow app into 502 or 504.
package edge

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"workbook/29-architecture/trace"
	"workbook/serve/problem"
)

// New returns the edge for the app at upstream. headerTimeout bounds how
// long the app may take to start answering.
func New(upstream *url.URL, traces *trace.Log, logger *slog.Logger, headerTimeout time.Duration) http.Handler {
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(upstream)
			pr.SetXForwarded() // X-Forwarded-For/Host/Proto: who really asked
		},
		Transport: &http.Transport{
			DialContext:           (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
			ResponseHeaderTimeout: headerTimeout,
			MaxIdleConnsPerHost:   16,
			IdleConnTimeout:       60 * time.Second,
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			status := http.StatusBadGateway
			if isTimeout(err) {
				status = http.StatusGatewayTimeout
			}
			trace.Record(r.Context(), "edge", "upstream failed: "+http.StatusText(status))
			logger.Warn("edge: upstream failed", "request_id", r.Header.Get(problem.RequestIDHeader), "err", err)
			w.Header().Set(problem.RequestIDHeader, r.Header.Get(problem.RequestIDHeader))
			w.Header().Set("Via", "1.1 edge")
			problem.Error(w, r, status, "the application did not answer; try again shortly")
		},
	}
	// The app's responses carry the edge's name; so do the edge's own errors.
	proxy.ModifyResponse = func(resp *http.Response) error {
		resp.Header.Set("Via", "1.1 edge")
		return nil
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := trace.NewID()
		r.Header.Set(problem.RequestIDHeader, id) // replaces whatever the client sent
		tr := traces.Begin(id)
		tr.Hop("edge", r.Method+" "+r.URL.RequestURI()+" → "+upstream.Host)
		proxy.ServeHTTP(w, r.WithContext(trace.NewContext(r.Context(), tr)))
	})
}

// isTimeout tells a slow app (504) from an unreachable one (502). The
// Transport's ResponseHeaderTimeout error is a net.Error whose Timeout is
// true (net/http's timeoutError).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
