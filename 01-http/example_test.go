package main

import (
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strings"
	"time"
)

// The request /echo received, in wire form. Host comes first; the other
// fields are in canonical case and sorted, whatever the client sent.
func Example_echo() {
	req := httptest.NewRequest("POST", "/echo?lang=go", strings.NewReader(`{"title":"Hello"}`))
	req.Header.Set("content-type", "application/json")
	req.Header.Set("X-Request-Id", "42")

	w := httptest.NewRecorder()
	routes(1<<20, newConnTracker(discardLogger), discardLogger).ServeHTTP(w, req)
	fmt.Println(w.Code)
	fmt.Print(strings.ReplaceAll(w.Body.String(), "\r\n", "\n"))
	// Output:
	// 200
	// POST /echo?lang=go HTTP/1.1
	// Host: example.com
	// Content-Length: 17
	// Content-Type: application/json
	// X-Request-Id: 42
	//
	// {"title":"Hello"}
}

// Every resource derives its Allow header from the methods it serves.
func Example_allow() {
	h := routes(1<<20, newConnTracker(discardLogger), discardLogger)
	for _, target := range []string{"/", "/echo", "/status/200", "/stream", "/conn"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("OPTIONS", target, nil))
		fmt.Printf("OPTIONS %-12s %d  Allow: %s\n", target, w.Code, w.Header().Get("Allow"))
	}
	// Output:
	// OPTIONS /            204  Allow: GET, HEAD, OPTIONS
	// OPTIONS /echo        204  Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
	// OPTIONS /status/200  204  Allow: GET, HEAD, OPTIONS
	// OPTIONS /stream      204  Allow: GET, HEAD, OPTIONS
	// OPTIONS /conn        204  Allow: GET, HEAD, OPTIONS
}

// The bytes of a streamed response exactly as they cross the connection:
// chunk size in hex, CRLF, the data, CRLF — and a zero-size chunk to end.
// (The Date header is left out: it changes every second.)
func Example_chunkedOnTheWire() {
	srv, _ := newServer(config{maxBody: 1 << 20}, discardLogger)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(ln)
	defer srv.Close()

	conn, _ := net.Dial("tcp", ln.Addr().String())
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /stream?n=2&interval=0s HTTP/1.1\r\nHost: inspector\r\nConnection: close\r\n\r\n")
	raw, _ := io.ReadAll(conn)

	for line := range strings.SplitAfterSeq(string(raw), "\r\n") {
		if !strings.HasPrefix(line, "Date: ") {
			fmt.Printf("%q\n", line)
		}
	}
	// Output:
	// "HTTP/1.1 200 OK\r\n"
	// "Content-Type: text/plain; charset=utf-8\r\n"
	// "X-Content-Type-Options: nosniff\r\n"
	// "Connection: close\r\n"
	// "Transfer-Encoding: chunked\r\n"
	// "\r\n"
	// "c\r\n"
	// "line 1 of 2\n\r\n"
	// "c\r\n"
	// "line 2 of 2\n\r\n"
	// "0\r\n"
	// "\r\n"
	// ""
}
