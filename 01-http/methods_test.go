package main

import (
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestMethodsAllow(t *testing.T) {
	noop := func(http.ResponseWriter, *http.Request) {}
	tests := []struct {
		name string
		m    methods
		want string
	}{
		{"nothing but OPTIONS", methods{}, "OPTIONS"},
		{"GET brings HEAD", methods{"GET": noop}, "GET, HEAD, OPTIONS"},
		{"RFC order, not map order", methods{"DELETE": noop, "PATCH": noop, "POST": noop, "GET": noop, "PUT": noop},
			"GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"},
		{"explicit HEAD and OPTIONS listed once", methods{"GET": noop, "HEAD": noop, "OPTIONS": noop}, "GET, HEAD, OPTIONS"},
		{"extension methods last, alphabetical", methods{"PROPFIND": noop, "MKCOL": noop, "GET": noop},
			"GET, HEAD, OPTIONS, MKCOL, PROPFIND"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.allow(); got != tc.want {
				t.Errorf("allow() for %v = %q, want %q", slices.Sorted(maps.Keys(tc.m)), got, tc.want)
			}
		})
	}
}

// TestMethodHandling covers OPTIONS, 405 and 501 on every endpoint.
func TestMethodHandling(t *testing.T) {
	const (
		getOnly = "GET, HEAD, OPTIONS"
		echoAll = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
	)
	tests := []struct {
		method, target string
		wantStatus     int
		wantAllow      string
		wantBody       string // substring of the problem's detail; "" means the body must be empty
	}{
		{"OPTIONS", "/", 204, getOnly, ""},
		{"OPTIONS", "/echo", 204, echoAll, ""},
		{"OPTIONS", "/echo/deeper/path", 204, echoAll, ""},
		{"OPTIONS", "/status/200", 204, getOnly, ""},
		{"OPTIONS", "/stream", 204, getOnly, ""},
		{"OPTIONS", "/conn", 204, getOnly, ""},

		{"POST", "/", 405, getOnly, "POST is not allowed on /; allowed: GET, HEAD, OPTIONS"},
		{"DELETE", "/status/200", 405, getOnly, "DELETE is not allowed on /status/200"},
		{"PUT", "/stream", 405, getOnly, "PUT is not allowed on /stream"},
		{"POST", "/conn", 405, getOnly, "POST is not allowed on /conn"},
		{"TRACE", "/echo", 405, echoAll, "TRACE is not allowed on /echo"},

		{"BREW", "/echo", 501, echoAll, `method "BREW" is not implemented`},
		{"get", "/status/200", 501, getOnly, `method "get" is not implemented`}, // methods are case-sensitive
	}
	h := testHandler(t)
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tc.method, tc.target, nil))
			if w.Code != tc.wantStatus {
				t.Errorf("%s %s status = %d, want %d", tc.method, tc.target, w.Code, tc.wantStatus)
			}
			if got := w.Header().Get("Allow"); got != tc.wantAllow {
				t.Errorf("%s %s Allow = %q, want %q", tc.method, tc.target, got, tc.wantAllow)
			}
			body := w.Body.String()
			if tc.wantBody == "" {
				if body != "" {
					t.Errorf("%s %s body = %q, want empty", tc.method, tc.target, body)
				}
				return
			}
			p := wantProblem(t, w.Code, w.Header(), body, tc.wantStatus, tc.target)
			if !strings.Contains(p.Detail, tc.wantBody) {
				t.Errorf("%s %s detail = %q, want it to contain %q", tc.method, tc.target, p.Detail, tc.wantBody)
			}
		})
	}
}

// TestHeadMatchesGet sends GET and HEAD to a real server: HEAD must get the
// same status and headers (Content-Length included) and no body.
// A recorder would not do: it is net/http's server that drops the body.
func TestHeadMatchesGet(t *testing.T) {
	base, _ := startServer(t, config{})
	client := newClient(t)
	for _, target := range []string{"/", "/status/200", "/status/404", "/status/302", "/status/204", "/stream?n=2&interval=0s"} {
		t.Run(target, func(t *testing.T) {
			getResp := do(t, client, "GET", base+target)
			headResp := do(t, client, "HEAD", base+target)
			if headResp.StatusCode != getResp.StatusCode {
				t.Errorf("HEAD %s status = %d, want GET's %d", target, headResp.StatusCode, getResp.StatusCode)
			}
			for _, h := range []http.Header{getResp.Header, headResp.Header} {
				h.Del("Date")
			}
			// A streamed GET is chunked; HEAD has no body to frame, so only GET says so.
			getResp.Header.Del("Transfer-Encoding")
			if got, want := headResp.Header, getResp.Header; !equalHeaders(got, want) {
				t.Errorf("HEAD %s headers = %v, want GET's %v", target, got, want)
			}
			if headResp.body != "" {
				t.Errorf("HEAD %s body = %q, want none", target, headResp.body)
			}
		})
	}
}

// response is an http.Response with its body already read.
type response struct {
	*http.Response
	body string
}

// do sends a request without a body and reads the whole response.
func do(t *testing.T, client *http.Client, method, url string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatalf("NewRequest(%s, %s): %v", method, url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, url, err)
	}
	return response{resp, string(body)}
}

func equalHeaders(a, b http.Header) bool {
	return maps.EqualFunc(a, b, slices.Equal[[]string])
}
