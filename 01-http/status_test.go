package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		code       string
		wantStatus int
		wantHeader map[string]string
		wantBody   string // exact; "" means no body at all; for a 400, the problem's detail
	}{
		{"200", 200, nil, "200 OK\n"},
		{"201", 201, nil, "201 Created\n"},
		{"204", 204, nil, ""},
		{"304", 304, nil, ""},
		{"301", 301, map[string]string{"Location": "/status/200"}, "301 Moved Permanently\n"},
		{"307", 307, map[string]string{"Location": "/status/200"}, "307 Temporary Redirect\n"},
		{"401", 401, map[string]string{"WWW-Authenticate": `Basic realm="inspector"`}, "401 Unauthorized\n"},
		{"404", 404, nil, "404 Not Found\n"},
		{"405", 405, map[string]string{"Allow": "GET, HEAD, OPTIONS"}, "405 Method Not Allowed\n"},
		{"418", 418, nil, "418 I'm a teapot\n"},
		{"429", 429, map[string]string{"Retry-After": "1"}, "429 Too Many Requests\n"},
		{"500", 500, nil, "500 Internal Server Error\n"},
		{"503", 503, map[string]string{"Retry-After": "1"}, "503 Service Unavailable\n"},
		{"299", 299, nil, "299 (unregistered; read as 200 OK)\n"},
		{"599", 599, nil, "599 (unregistered; read as 500 Internal Server Error)\n"},

		// Bad input: a clear 400, as a problem details body.
		{"abc", 400, nil, "status code \"abc\" is not a three-digit number from 100 to 599"},
		{"99", 400, nil, "status code \"99\" is not a three-digit number from 100 to 599"},
		{"600", 400, nil, "status code \"600\" is not a three-digit number from 100 to 599"},
		{"1000", 400, nil, "status code \"1000\" is not a three-digit number from 100 to 599"},
		{"+20", 400, nil, "status code \"+20\" is not a three-digit number from 100 to 599"},
		{"-42", 400, nil, "status code \"-42\" is not a three-digit number from 100 to 599"},
		{"101", 400, nil, "101 Switching Protocols only answers a request with an Upgrade header; this endpoint cannot switch protocols"},
	}
	h := testHandler(t)
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/status/"+tc.code, nil))
			if tc.wantStatus == http.StatusBadRequest {
				p := wantProblem(t, w.Code, w.Header(), w.Body.String(), tc.wantStatus, "/status/"+tc.code)
				if p.Detail != tc.wantBody {
					t.Errorf("GET /status/%s detail = %q, want %q", tc.code, p.Detail, tc.wantBody)
				}
				return
			}
			if w.Code != tc.wantStatus {
				t.Errorf("GET /status/%s status = %d, want %d", tc.code, w.Code, tc.wantStatus)
			}
			for k, v := range tc.wantHeader {
				if got := w.Header().Get(k); got != v {
					t.Errorf("GET /status/%s header %s = %q, want %q", tc.code, k, got, v)
				}
			}
			if got := w.Body.String(); got != tc.wantBody {
				t.Errorf("GET /status/%s body = %q, want %q", tc.code, got, tc.wantBody)
			}
		})
	}
}

// TestInformationalOnTheWire checks that a real client sees an interim 1xx
// response (103 with its Link header) before the final 200. A recorder
// cannot show this: it keeps only the first status written.
func TestInformationalOnTheWire(t *testing.T) {
	base, _ := startServer(t, config{})
	for _, tc := range []struct {
		name     string
		code     int
		proto    func(*http.Protocols)
		wantLink bool
	}{
		{"103 over HTTP/1.1", 103, http1, true},
		{"103 over h2c", 103, h2c, true},
		{"102 over HTTP/1.1", 102, http1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var interim []int
			var link string
			trace := &httptrace.ClientTrace{
				Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
					interim = append(interim, code)
					link = h.Get("Link")
					return nil
				},
			}
			ctx := httptrace.WithClientTrace(context.Background(), trace)
			req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/status/%d", base, tc.code), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := newClient(t, tc.proto).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if want := fmt.Sprintf("sent %d %s as an interim response, then this final 200 OK\n", tc.code, http.StatusText(tc.code)); string(body) != want {
				t.Errorf("final body = %q, want %q", body, want)
			}
			if len(interim) != 1 || interim[0] != tc.code {
				t.Errorf("interim responses = %v, want [%d]", interim, tc.code)
			}
			if got := strings.Contains(link, "rel=preload"); got != tc.wantLink {
				t.Errorf("interim Link header = %q; want a preload hint: %v", link, tc.wantLink)
			}
			if resp.StatusCode != http.StatusOK {
				t.Errorf("final status = %d, want 200", resp.StatusCode)
			}
		})
	}
}
