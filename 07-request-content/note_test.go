package main

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestNoteCharsets(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantText    string
		wantCharset string
	}{
		{"default is utf-8", "text/plain", "café €", "café €", "UTF-8"},
		{"utf-8 bom dropped", "text/plain; charset=utf-8", "\xef\xbb\xbfhi", "hi", "UTF-8"},
		{"latin-1", "text/plain; charset=ISO-8859-1", "caf\xe9", "café", "ISO-8859-1"},
		{"latin-1 alias", "text/plain; charset=latin1", "\xc5ngstr\xf6m", "Ångström", "ISO-8859-1"},
		{"latin-1 0x80 is a control", "text/plain; charset=iso-8859-1", "\x80", "\u0080", "ISO-8859-1"},
		{"windows-1252 0x80 is the euro", "text/plain; charset=windows-1252", "\x80 \x93quoted\x94", "€ “quoted”", "windows-1252"},
		{"utf-16 with LE bom", "text/plain; charset=UTF-16", "\xff\xfeh\x00\xe9\x00", "hé", "UTF-16"},
		{"utf-16 without bom is big-endian", "text/plain; charset=utf-16", "\x00h\x00\xe9", "hé", "UTF-16"},
		{"utf-16le", "text/plain; charset=utf-16le", "h\x00i\x00", "hi", "UTF-16LE"},
		{"quoted charset", `text/plain; charset="utf-8"`, "ok", "ok", "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			rec := request{path: "/notes", headers: map[string]string{"Content-Type": tc.contentType}, body: []byte(tc.body)}.do(t, s)
			if rec.Code != http.StatusCreated {
				t.Fatalf("POST /notes %s = %d %s, want 201", tc.contentType, rec.Code, rec.Body)
			}
			var n note
			if err := json.Unmarshal(rec.Body.Bytes(), &n); err != nil {
				t.Fatal(err)
			}
			if n.Text != tc.wantText || n.Charset != tc.wantCharset || n.Bytes != len(tc.body) {
				t.Errorf("POST /notes %s %q = %+v, want text %q charset %s bytes %d",
					tc.contentType, tc.body, n, tc.wantText, tc.wantCharset, len(tc.body))
			}
		})
	}
}

func TestNoteRejects(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
		wantCode    string
	}{
		{"unknown charset", "text/plain; charset=klingon", "x", http.StatusUnsupportedMediaType, "unsupported_charset"},
		{"invalid utf-8", "text/plain; charset=utf-8", "caf\xe9", http.StatusBadRequest, "invalid_text"},
		{"ascii with a high byte", "text/plain; charset=us-ascii", "caf\xe9", http.StatusBadRequest, "invalid_text"},
		{"json is not text", "application/json", `"x"`, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"no content type", "", "x", http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"too large", "text/plain", string(make([]byte, testMaxBody+1)), http.StatusRequestEntityTooLarge, "too_large"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			headers := map[string]string{}
			if tc.contentType != "" {
				headers["Content-Type"] = tc.contentType
			}
			rec := request{path: "/notes", headers: headers, body: []byte(tc.body)}.do(t, s)
			if rec.Code != tc.wantStatus || errorCode(t, rec) != tc.wantCode {
				t.Errorf("POST /notes (%s) = %d %s, want %d %s", tc.name, rec.Code, rec.Body, tc.wantStatus, tc.wantCode)
			}
		})
	}
}
