package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// getConn fetches /conn through client and decodes the report.
func getConn(t *testing.T, client *http.Client, base string) connReport {
	t.Helper()
	rep, err := fetchConn(client, base)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// fetchConn is getConn for goroutines other than the test's own.
func fetchConn(client *http.Client, base string) (connReport, error) {
	var rep connReport
	resp, err := client.Get(base + "/conn")
	if err != nil {
		return rep, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return rep, fmt.Errorf("GET /conn status = %d, want 200", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		return rep, fmt.Errorf("GET /conn body is not a report: %w", err)
	}
	return rep, nil
}

// TestKeepAliveReusesConnection: two requests from one HTTP/1.1 client
// travel on one TCP connection, numbered 1 and 2 on it.
func TestKeepAliveReusesConnection(t *testing.T) {
	base, _ := startServer(t, config{})
	client := newClient(t)
	first := getConn(t, client, base)
	second := getConn(t, client, base)

	if first.Proto != "HTTP/1.1" {
		t.Errorf("proto = %q, want HTTP/1.1", first.Proto)
	}
	if second.ConnID != first.ConnID || second.RemoteAddr != first.RemoteAddr {
		t.Errorf("second request came on conn %d from %s, want the first's conn %d from %s",
			second.ConnID, second.RemoteAddr, first.ConnID, first.RemoteAddr)
	}
	if first.RequestOnConn != 1 || second.RequestOnConn != 2 {
		t.Errorf("requests numbered %d then %d on their connection, want 1 then 2", first.RequestOnConn, second.RequestOnConn)
	}
	t.Logf("HTTP/1.1: request 1 on conn %d from %s, request 2 on conn %d from %s",
		first.ConnID, first.RemoteAddr, second.ConnID, second.RemoteAddr)
	if second.OpenConns != 1 {
		t.Errorf("open connections = %d, want 1", second.OpenConns)
	}
}

// TestNoKeepAliveOpensConnectionPerRequest is the contrast: with keep-alive
// off, each request pays for a new TCP connection.
func TestNoKeepAliveOpensConnectionPerRequest(t *testing.T) {
	base, _ := startServer(t, config{})
	client := newClient(t)
	client.Transport.(*http.Transport).DisableKeepAlives = true
	first := getConn(t, client, base)
	second := getConn(t, client, base)
	if second.ConnID == first.ConnID {
		t.Errorf("both requests came on conn %d, want two connections", first.ConnID)
	}
	if first.RequestOnConn != 1 || second.RequestOnConn != 1 {
		t.Errorf("requests numbered %d and %d on their connections, want 1 and 1", first.RequestOnConn, second.RequestOnConn)
	}
}

// TestH2CMultiplexesOneConnection speaks unencrypted HTTP/2 (prior
// knowledge) to the real server and sends requests concurrently: all of
// them share one connection, as streams.
func TestH2CMultiplexesOneConnection(t *testing.T) {
	base, _ := startServer(t, config{})
	client := newClient(t, h2c)
	first := getConn(t, client, base) // opens the connection
	if first.Proto != "HTTP/2.0" || first.TLS {
		t.Fatalf("proto = %q, tls = %v; want HTTP/2.0 without TLS", first.Proto, first.TLS)
	}

	const n = 10
	reports := make([]connReport, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { reports[i], errs[i] = fetchConn(client, base) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{first.RequestOnConn: true}
	for _, rep := range reports {
		if rep.ConnID != first.ConnID {
			t.Errorf("a concurrent HTTP/2 request came on conn %d, want conn %d", rep.ConnID, first.ConnID)
		}
		if seen[rep.RequestOnConn] {
			t.Errorf("request number %d on the connection seen twice", rep.RequestOnConn)
		}
		seen[rep.RequestOnConn] = true
	}
	if len(seen) != n+1 {
		t.Errorf("saw %d distinct request numbers, want %d", len(seen), n+1)
	}
	if !t.Failed() {
		t.Logf("HTTP/2: %d concurrent requests, all on conn %d, numbered 2 to %d on it", n, first.ConnID, n+1)
	}
}

// TestHTTP1ClientStillWorksBesideH2C: enabling h2c must not lock out
// HTTP/1.1 clients on the same port.
func TestHTTP1ClientStillWorksBesideH2C(t *testing.T) {
	base, srv := startServer(t, config{})
	if !srv.Protocols.HTTP1() || !srv.Protocols.UnencryptedHTTP2() {
		t.Errorf("server protocols = %v, want HTTP/1.1 and unencrypted HTTP/2", srv.Protocols)
	}
	if rep := getConn(t, newClient(t, http1), base); rep.Proto != "HTTP/1.1" {
		t.Errorf("HTTP/1.1 client got proto %q", rep.Proto)
	}
}

func TestConnWithoutServerHooks(t *testing.T) {
	// Through a recorder there is no connection: the report says so with zeros.
	w := httptest.NewRecorder()
	testHandler(t).ServeHTTP(w, httptest.NewRequest("GET", "/conn", nil))
	var rep connReport
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || w.Code != 200 {
		t.Fatalf("GET /conn = %d %q, want 200 with a report", w.Code, w.Body.String())
	}
	if rep.ConnID != 0 || rep.RequestOnConn != 0 || rep.RemoteAddr != "192.0.2.1:1234" {
		t.Errorf("report without a connection = %+v, want zero IDs and httptest's remote address", rep)
	}
}
