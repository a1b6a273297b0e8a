package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// TestBadInput holds the app to the house error contract: every client
// mistake is a 4xx problem, never a 500.
func TestBadInput(t *testing.T) {
	r := newRig(t, parts{timeouts: relaxed})
	for _, tc := range []struct {
		method, path, ctype, body string
		status                    int
		fields                    []string // pointers a 422 must name
	}{
		{"POST", "/orders", "text/plain", `{"sku":"mug","qty":1}`, 415, nil},
		{"POST", "/orders", "application/json", `{"sku":`, 400, nil},
		{"POST", "/orders", "application/json", `{"sku":"mug","qty":1,"price":1}`, 400, nil},
		{"POST", "/orders", "application/json", `{"sku":"mug","qty":1} {}`, 400, nil},
		{"POST", "/orders", "application/json", `{"sku":"` + strings.Repeat("x", 5000) + `"}`, 413, nil},
		{"POST", "/orders", "application/json", `{"qty":0}`, 422, []string{"/sku", "/qty"}},
		{"POST", "/orders", "application/json", `{"sku":"mug","qty":101}`, 422, []string{"/qty"}},
		{"POST", "/orders", "application/json", `{"sku":"yacht","qty":1}`, 422, []string{"/sku"}},
		{"POST", "/orders", "application/json", `{"sku":"yacht","qty":-1}`, 422, []string{"/sku", "/qty"}},
		{"GET", "/products/yacht", "", "", 404, nil},
		{"GET", "/orders/nope", "", "", 404, nil},
		{"GET", "/trace/nope", "", "", 404, nil},
		{"GET", "/nowhere", "", "", 404, nil},
		{"DELETE", "/orders", "", "", 405, nil},
	} {
		t.Run(tc.method+" "+tc.path+" "+tc.ctype, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, r.edge.URL+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			resp, err := r.edge.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			rec := httptest.NewRecorder()
			_, _ = rec.Body.ReadFrom(resp.Body)
			p := problemtest.Want(t, resp.StatusCode, resp.Header, rec.Body.String(), tc.status, tc.path)
			if tc.status == 405 && resp.Header.Get("Allow") != "POST" {
				t.Errorf("Allow = %q, want POST", resp.Header.Get("Allow"))
			}
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Pointer)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("422 fields = %v, want %v", got, tc.fields)
			}
			if p.RequestID != resp.Header.Get("X-Request-Id") || p.RequestID == "" {
				t.Errorf("requestId %q, header %q: want the same, non-empty", p.RequestID, resp.Header.Get("X-Request-Id"))
			}
		})
	}
}
