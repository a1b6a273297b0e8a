package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// pngBytes is a PNG signature followed by n filler bytes: enough to sniff.
func pngBytes(n int) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0x42}, n)...)
}

// part is one multipart part to send.
type part struct {
	field, filename, contentType string
	data                         []byte
}

// multipartBody encodes parts and returns the body and its Content-Type.
func multipartBody(t *testing.T, parts ...part) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disp := `form-data; name="` + p.field + `"`
		if p.filename != "" {
			disp += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", disp)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// listDir returns every entry in dir, hidden partial files included.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

var storedName = regexp.MustCompile(`^[a-z2-7]{26}\.(png|jpg|gif|webp|pdf|txt)$`)

func TestUploadStoresFileSafely(t *testing.T) {
	s, dir := newTestServer(t)
	data := pngBytes(100 << 10)
	body, ct := multipartBody(t,
		part{field: "description", data: []byte("a cat")},
		part{field: "file", filename: "../../etc/cat.png", contentType: "image/png", data: data},
		part{field: "file", filename: "notes.txt", contentType: "application/octet-stream", data: []byte("plain words\n")},
	)
	rec := request{path: "/uploads", headers: map[string]string{"Content-Type": ct}, body: body}.do(t, s)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /uploads = %d %s, want 201", rec.Code, rec.Body)
	}
	var resp uploadResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Description != "a cat" || len(resp.Files) != 2 {
		t.Fatalf("POST /uploads = %+v, want the description and 2 files", resp)
	}
	sum := sha256.Sum256(data)
	f := resp.Files[0]
	if !storedName.MatchString(f.Name) || f.Size != int64(len(data)) || f.SHA256 != hex.EncodeToString(sum[:]) ||
		f.ContentType != "image/png" || f.ClientFilename != "cat.png" {
		t.Errorf("stored PNG = %+v, want a generated .png name, size %d, its SHA-256, client name cat.png", f, len(data))
	}
	if got := resp.Files[1]; got.ContentType != "text/plain" || !storedName.MatchString(got.Name) {
		t.Errorf("stored text = %+v, want sniffed text/plain under a generated .txt name (the claimed type is ignored)", got)
	}

	onDisk, err := os.ReadFile(filepath.Join(dir, f.Name))
	if err != nil || !bytes.Equal(onDisk, data) {
		t.Fatalf("file on disk differs from the upload (err %v)", err)
	}
	info, err := os.Stat(filepath.Join(dir, f.Name))
	if err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("stored file mode = %v, want readable by the owner only", info.Mode())
	}
	if names := listDir(t, dir); len(names) != 2 {
		t.Errorf("upload dir holds %v, want exactly the 2 stored files", names)
	}
}

func TestUploadRejects(t *testing.T) {
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
	exe := append([]byte("MZ\x90\x00"), make([]byte, 600)...)
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`)
	tests := []struct {
		name       string
		parts      []part
		rawBody    []byte // instead of parts
		rawType    string
		wantStatus int
		wantCode   string
	}{
		{"html claiming to be png", []part{{field: "file", filename: "cat.png", contentType: "image/png", data: html}}, nil, "",
			http.StatusUnsupportedMediaType, "file_type"},
		{"windows executable", []part{{field: "file", filename: "a.pdf", data: exe}}, nil, "", http.StatusUnsupportedMediaType, "file_type"},
		{"svg (can carry script)", []part{{field: "file", filename: "a.svg", data: svg}}, nil, "", http.StatusUnsupportedMediaType, "file_type"},
		{"too large", []part{{field: "file", filename: "big.png", data: pngBytes(testMaxUpload)}}, nil, "",
			http.StatusRequestEntityTooLarge, "too_large"},
		{"empty file", []part{{field: "file", filename: "empty.png"}}, nil, "", http.StatusBadRequest, "empty_file"},
		{"no file", []part{{field: "description", data: []byte("hi")}}, nil, "", http.StatusBadRequest, "no_file"},
		{"file part without filename", []part{{field: "file", data: pngBytes(10)}}, nil, "", http.StatusBadRequest, "unexpected_part"},
		{"unexpected part", []part{{field: "avatar", filename: "a.png", data: pngBytes(10)}}, nil, "", http.StatusBadRequest, "unexpected_part"},
		{"second file bad: all rolled back", []part{
			{field: "file", filename: "ok.png", data: pngBytes(10)},
			{field: "file", filename: "bad.png", data: html},
		}, nil, "", http.StatusUnsupportedMediaType, "file_type"},
		{"description too long", []part{{field: "description", data: bytes.Repeat([]byte("a"), maxFieldBytes+1)}}, nil, "",
			http.StatusBadRequest, "bad_field"},
		{"not multipart", nil, []byte(`{}`), "application/json", http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"no boundary", nil, []byte(`x`), "multipart/form-data", http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"truncated body", nil, []byte("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\x89PNG\r\n\x1a\n"),
			"multipart/form-data; boundary=b", http.StatusBadRequest, "truncated"},
		{"garbage framing", nil, []byte("--b\r\nthis is not a header\r\n\r\ndata\r\n--b--\r\n"), "multipart/form-data; boundary=b",
			http.StatusBadRequest, "malformed_multipart"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, dir := newTestServer(t)
			body, ct := tc.rawBody, tc.rawType
			if tc.parts != nil {
				body, ct = multipartBody(t, tc.parts...)
			}
			rec := request{path: "/uploads", headers: map[string]string{"Content-Type": ct}, body: body}.do(t, s)
			if rec.Code != tc.wantStatus || errorCode(t, rec) != tc.wantCode {
				t.Errorf("POST /uploads (%s) = %d %s, want %d %s", tc.name, rec.Code, rec.Body, tc.wantStatus, tc.wantCode)
			}
			if names := listDir(t, dir); len(names) != 0 {
				t.Errorf("POST /uploads (%s) failed but left %v in the upload dir", tc.name, names)
			}
		})
	}
}

func TestUploadStorageFailureIsNotBlamedOnTheClient(t *testing.T) {
	s, dir := newTestServer(t)
	s.files.dir = filepath.Join(dir, "missing")
	body, ct := multipartBody(t, part{field: "file", filename: "a.png", data: pngBytes(10)})
	rec := request{path: "/uploads", headers: map[string]string{"Content-Type": ct}, body: body}.do(t, s)
	if rec.Code != http.StatusInternalServerError || errorCode(t, rec) != "internal" {
		t.Errorf("POST /uploads with an unwritable dir = %d %s, want 500 internal", rec.Code, rec.Body)
	}
}
