package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestArticleCreate(t *testing.T) {
	jsonCT := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantCode   string // for errors
		wantTitle  string // for 201
	}{
		{"json", request{headers: jsonCT, body: []byte(`{"title":"Hello","body":"World","tags":["go"]}`)},
			http.StatusCreated, "", "Hello"},
		{"json with charset", request{headers: map[string]string{"Content-Type": "application/json; charset=UTF-8"},
			body: []byte(`{"title":"Hello","body":"World"}`)}, http.StatusCreated, "", "Hello"},
		{"xml", request{headers: map[string]string{"Content-Type": "application/xml"},
			body: []byte(`<article><title>Hello</title><body>World</body><tags><tag>go</tag></tags></article>`)},
			http.StatusCreated, "", "Hello"},
		{"xml declared latin-1", request{headers: map[string]string{"Content-Type": "text/xml"},
			body: []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><article><title>Caf\xe9</title><body>b</body></article>")},
			http.StatusCreated, "", "Café"},
		{"form", request{headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			body: []byte(`title=Hello+there&body=World&tags=go&tags=web`)}, http.StatusCreated, "", "Hello there"},
		{"gzip json", request{headers: map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"},
			body: nil}, http.StatusCreated, "", "Zipped"},

		{"no content type", request{body: []byte(`{"title":"t","body":"b"}`)}, http.StatusUnsupportedMediaType, "unsupported_media_type", ""},
		{"csv", request{headers: map[string]string{"Content-Type": "text/csv"}, body: []byte("a,b")},
			http.StatusUnsupportedMediaType, "unsupported_media_type", ""},
		{"multipart", request{headers: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}, body: []byte("--x--")},
			http.StatusUnsupportedMediaType, "unsupported_media_type", ""},
		{"json in utf-16", request{headers: map[string]string{"Content-Type": "application/json; charset=utf-16"}, body: []byte(`{}`)},
			http.StatusUnsupportedMediaType, "unsupported_charset", ""},
		{"brotli", request{headers: map[string]string{"Content-Type": "application/json", "Content-Encoding": "br"}, body: []byte(`{}`)},
			http.StatusUnsupportedMediaType, "unsupported_encoding", ""},
		{"not gzip", request{headers: map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"}, body: []byte(`{"title":"t"}`)},
			http.StatusBadRequest, "bad_gzip", ""},
		{"malformed json", request{headers: jsonCT, body: []byte(`{"title":`)}, http.StatusBadRequest, "malformed_json", ""},
		{"empty json", request{headers: jsonCT}, http.StatusBadRequest, "empty_body", ""},
		{"unknown field", request{headers: jsonCT, body: []byte(`{"title":"t","body":"b","admin":true}`)}, http.StatusBadRequest, "malformed_json", ""},
		{"wrong type", request{headers: jsonCT, body: []byte(`{"title":1}`)}, http.StatusBadRequest, "malformed_json", ""},
		{"two objects", request{headers: jsonCT, body: []byte(`{"title":"t","body":"b"}{}`)}, http.StatusBadRequest, "malformed_json", ""},
		{"malformed xml", request{headers: map[string]string{"Content-Type": "application/xml"}, body: []byte(`<article><title>t</article>`)},
			http.StatusBadRequest, "malformed_xml", ""},
		{"xml unknown charset", request{headers: map[string]string{"Content-Type": "application/xml"},
			body: []byte(`<?xml version="1.0" encoding="klingon"?><article/>`)}, http.StatusUnsupportedMediaType, "unsupported_charset", ""},
		{"form bad escape", request{headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: []byte(`title=%zz`)},
			http.StatusBadRequest, "malformed_form", ""},
		{"form not utf-8", request{headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: []byte(`title=caf%E9&body=b`)},
			http.StatusBadRequest, "invalid_text", ""},
		{"missing title", request{headers: jsonCT, body: []byte(`{"body":"b"}`)}, http.StatusUnprocessableEntity, "missing_field", ""},
		{"too large", request{headers: jsonCT, body: []byte(`{"title":"` + strings.Repeat("a", testMaxBody) + `"}`)},
			http.StatusRequestEntityTooLarge, "too_large", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			tc.req.path = "/articles"
			if tc.name == "gzip json" {
				tc.req.body = gzipped(t, []byte(`{"title":"Zipped","body":"b"}`))
			}
			rec := tc.req.do(t, s)
			if rec.Code != tc.wantStatus {
				t.Fatalf("POST /articles (%s) = %d %s, want %d", tc.name, rec.Code, rec.Body, tc.wantStatus)
			}
			if tc.wantCode != "" {
				if got := errorCode(t, rec); got != tc.wantCode {
					t.Errorf("POST /articles (%s) code = %q, want %q", tc.name, got, tc.wantCode)
				}
				if len(s.articles) != 0 {
					t.Errorf("POST /articles (%s) failed but stored an article", tc.name)
				}
				return
			}
			var a article
			if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || a.Title != tc.wantTitle || a.ID != 1 {
				t.Errorf("POST /articles (%s) = %s, want article 1 titled %q", tc.name, rec.Body, tc.wantTitle)
			}
			if rec.Header().Get("Location") != "/articles/1" {
				t.Errorf("POST /articles (%s) Location = %q, want /articles/1", tc.name, rec.Header().Get("Location"))
			}
		})
	}
}

func TestUnsupportedEncodingNamesTheSupportedOne(t *testing.T) {
	s, _ := newTestServer(t)
	rec := request{path: "/articles", headers: map[string]string{"Content-Type": "application/json", "Content-Encoding": "br"}}.do(t, s)
	if got := rec.Header().Get("Accept-Encoding"); got != "gzip" {
		t.Errorf("415 for Content-Encoding br has Accept-Encoding %q, want gzip", got)
	}
}

func TestErrorsAreNegotiatedToo(t *testing.T) {
	s, _ := newTestServer(t)
	rec := request{path: "/articles", headers: map[string]string{"Content-Type": "text/csv", "Accept": "application/xml"}}.do(t, s)
	want := "<problem xmlns=\"urn:ietf:rfc:7807\">\n  <type>about:blank</type>\n  <title>Unsupported Media Type</title>\n  <status>415</status>"
	if rec.Code != http.StatusUnsupportedMediaType || !bytes.Contains(rec.Body.Bytes(), []byte(want)) ||
		rec.Header().Get("Content-Type") != "application/problem+xml; charset=utf-8" {
		t.Errorf("POST /articles text/csv Accept XML = %d %s, want 415 with an application/problem+xml body", rec.Code, rec.Body)
	}
}
