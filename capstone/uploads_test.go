package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestUploadConfigDefaults(t *testing.T) {
	c, err := loadConfig(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.UploadDir != filepath.Join(os.TempDir(), "conduit-uploads") || c.UploadMaxBytes != 5<<20 || c.UploadMaxDimension != 8000 ||
		c.UploadBaseURL != "http://127.0.0.1:8080" || c.S3Endpoint != "" || !c.S3UseSSL || c.S3PresignTTL != 15*time.Minute {
		t.Errorf("defaults = dir %q, %d bytes, %d px, base %q, s3 %q ssl %v ttl %s", c.UploadDir, c.UploadMaxBytes, c.UploadMaxDimension,
			c.UploadBaseURL, c.S3Endpoint, c.S3UseSSL, c.S3PresignTTL)
	}
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080", ":8080": "http://localhost:8080", "0.0.0.0:9000": "http://localhost:9000",
		"[::]:9000": "http://localhost:9000", "[::1]:9000": "http://[::1]:9000", "127.0.0.1:0": "",
	} {
		if got := defaultUploadBaseURL(addr); got != want {
			t.Errorf("defaultUploadBaseURL(%q) = %q, want %q", addr, got, want)
		}
	}
	c, err = loadConfig([]string{"-upload-base-url", "https://api.example.com"}, envOf(map[string]string{
		"S3_ENDPOINT": "127.0.0.1:9000", "S3_BUCKET": "conduit-uploads", "S3_ACCESS_KEY": "ak", "S3_SECRET_KEY": "sk", "S3_USE_SSL": "false",
	}))
	if err != nil || c.S3UseSSL || c.UploadBaseURL != "https://api.example.com" {
		t.Errorf("an S3 configuration = %+v, %v", c, err)
	}
}

func TestUploadConfigReportsEveryProblem(t *testing.T) {
	_, err := loadConfig(nil, envOf(map[string]string{
		"UPLOAD_MAX_BYTES": "10", "UPLOAD_MAX_DIMENSION": "0", "UPLOAD_BASE_URL": "ftp://x", "S3_PRESIGN_TTL": "200h",
		"S3_USE_SSL": "maybe", "S3_ENDPOINT": "https://s3.example.com", "S3_BUCKET": "Bad_Bucket",
	}))
	for _, want := range []string{"UPLOAD_MAX_BYTES", "UPLOAD_MAX_DIMENSION", "UPLOAD_BASE_URL", "S3_PRESIGN_TTL", "S3_USE_SSL",
		"S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY and S3_SECRET_KEY"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
	_, err = loadConfig(nil, envOf(map[string]string{"S3_BUCKET": "conduit-uploads"}))
	if err == nil || !strings.Contains(err.Error(), "S3_BUCKET: is set, but S3_ENDPOINT is not") {
		t.Errorf("S3_BUCKET without S3_ENDPOINT = %v, want it reported", err)
	}
}

func TestUploadConfigRedactsKeys(t *testing.T) {
	c, err := loadConfig(nil, envOf(map[string]string{"S3_ENDPOINT": "s3.example.com", "S3_BUCKET": "conduit-uploads",
		"S3_ACCESS_KEY": "AKIAVISIBLEKEY", "S3_SECRET_KEY": "very-secret-value"}))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	slog.New(slog.NewJSONHandler(&out, nil)).Info("starting", "config", c)
	if s := out.String(); strings.Contains(s, "AKIAVISIBLEKEY") || strings.Contains(s, "very-secret-value") || !strings.Contains(s, `"s3_bucket":"conduit-uploads"`) {
		t.Errorf("start log = %s; want the bucket and neither key", s)
	}
}

// TestUploadsEndToEnd runs the program: an avatar upload over HTTP, its
// thumbnail made by the job queue, served from UPLOAD_DIR; then the
// shutdown closes the blob store only after the job workers stopped.
func TestUploadsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10", "UPLOAD_DIR": dir})
	base := "http://" + addr
	token := register(t, addr, "jake")
	var img bytes.Buffer
	_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 640, 480)))
	req, _ := http.NewRequest("POST", base+"/api/user/image", &img)
	req.Header.Set("Content-Type", "image/png")
	req.Header.Set("Authorization", "Token "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var reg struct{ User struct{ Image string } }
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err := json.Unmarshal(b, &reg); resp.StatusCode != 200 || err != nil || !strings.HasPrefix(reg.User.Image, "/api/uploads/images/") {
		t.Fatalf("upload = %d %s", resp.StatusCode, b)
	}
	key := strings.TrimPrefix(reg.User.Image, "/api/uploads/")
	if _, err := os.Stat(filepath.Join(dir, key)); err != nil {
		t.Errorf("the image is not in UPLOAD_DIR: %v", err)
	}
	thumb := strings.Replace(strings.Replace(reg.User.Image, "images/", "thumbnails/", 1), ".png", "-256.png", 1)
	var code int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		r, err := http.Get(base + thumb)
		if err != nil {
			t.Fatal(err)
		}
		m, _, derr := image.Decode(r.Body)
		r.Body.Close()
		if code = r.StatusCode; code == 200 {
			if derr != nil || m.Bounds().Dx() != 256 || m.Bounds().Dy() != 192 {
				t.Errorf("thumbnail = %v, %v; want 256×192", m.Bounds(), derr)
			}
			break
		}
	}
	if code != 200 {
		t.Fatalf("thumbnail still %d after 10 s", code)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return")
	}
	out := logs.String()
	drained, stopped, closed := strings.Index(out, "in-flight requests drained"), strings.Index(out, `"msg":"jobs: workers stopped"`), strings.Index(out, `"msg":"uploads: blob store closed"`)
	if drained < 0 || stopped < 0 || closed < 0 || !(drained < stopped && stopped < closed) {
		t.Errorf("shutdown order: drained at %d, workers stopped at %d, blob store closed at %d; want them in this order", drained, stopped, closed)
	}
	if !strings.Contains(out, `"msg":"uploads","kind":"filesystem","dir":"`+dir) {
		t.Errorf("the log does not say where uploads go:\n%s", out)
	}
}
