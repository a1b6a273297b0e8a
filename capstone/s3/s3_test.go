package s3

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"workbook/capstone/blobtest"
	"workbook/capstone/service"
	"workbook/testinfra"
)

// TestContract runs the suite on a real S3: WORKBOOK_S3_URL, or a MinIO
// container; without either it skips with one line.
func TestContract(t *testing.T) {
	env := testinfra.S3(t)
	s, err := New(Config{Endpoint: env.Endpoint, Bucket: env.Bucket, AccessKey: env.AccessKey, SecretKey: env.SecretKey, UseSSL: env.UseSSL})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	blobtest.Run(t, s)
}

// The tests below need no S3: they check the requests minio-go builds for
// us against a recording fake, and the pre-signed URL against an
// independent implementation of AWS Signature V4.

const (
	accessKey = "AKIDEXAMPLE"
	secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	region    = "eu-central-1"
)

// fakeS3 records requests and answers them from a map of objects.
type fakeS3 struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   []string
	objects  map[string]string
}

func (f *fakeS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.bodies = append(f.bodies, string(body))
	obj, ok := f.objects[r.URL.Path]
	f.mu.Unlock()
	switch {
	case r.Method == http.MethodPut:
		w.Header().Set("ETag", `"d41d8cd98f00b204e9800998ecf8427e"`)
	case !ok && r.Method == http.MethodHead:
		w.WriteHeader(http.StatusNotFound)
	case !ok:
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`)
	default:
		w.Header().Set("ETag", `"0123456789abcdef0123456789abcdef"`)
		w.Header().Set("Content-Type", "image/png")
		http.ServeContent(w, r, "", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), strings.NewReader(obj))
	}
}

func newFake(t *testing.T) (*Store, *fakeS3) {
	t.Helper()
	f := &fakeS3{objects: map[string]string{"/conduit/images/present.png": "0123456789"}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	s, err := New(Config{Endpoint: strings.TrimPrefix(srv.URL, "http://"), Bucket: "conduit", AccessKey: accessKey, SecretKey: secretKey, Region: region})
	if err != nil {
		t.Fatal(err)
	}
	return s, f
}

func TestPutRequest(t *testing.T) {
	s, f := newFake(t)
	err := s.Put(context.Background(), "images/abc.png", strings.NewReader("PNGDATA"), 7, "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 1 {
		t.Fatalf("%d requests, want exactly one PUT (no bucket-location lookup with a region set)", len(f.requests))
	}
	r := f.requests[0]
	if r.Method != http.MethodPut || r.URL.Path != "/conduit/images/abc.png" {
		t.Errorf("request = %s %s, want PUT /conduit/images/abc.png (path-style)", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Content-Type"); got != "image/png" {
		t.Errorf("Content-Type = %q, want the sniffed image/png stored with the object", got)
	}
	// Over plain HTTP minio-go signs the payload chunk by chunk
	// (aws-chunked), so the wire carries the bytes with chunk signatures
	// and the object's length in its own header.
	if got := r.Header.Get("X-Amz-Decoded-Content-Length"); got != "7" || !strings.Contains(f.bodies[0], "\r\nPNGDATA\r\n") {
		t.Errorf("decoded length %q, body %q; want 7 and PNGDATA", got, f.bodies[0])
	}
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential="+accessKey+"/") || !strings.Contains(auth, "/"+region+"/s3/aws4_request") {
		t.Errorf("Authorization = %q, want Signature V4 with the access key and region", auth)
	}
	if strings.Contains(auth, secretKey) {
		t.Error("the secret key is in the request")
	}
}

func TestStatOpenAndNotFound(t *testing.T) {
	s, f := newFake(t)
	ctx := context.Background()
	if _, err := s.Stat(ctx, "images/missing.png"); !errors.Is(err, service.ErrBlobNotFound) {
		t.Errorf("Stat(missing) = %v, want ErrBlobNotFound", err)
	}
	if _, _, err := s.Open(ctx, "images/missing.png"); !errors.Is(err, service.ErrBlobNotFound) {
		t.Errorf("Open(missing) = %v, want ErrBlobNotFound", err)
	}
	rc, info, err := s.Open(ctx, "images/present.png")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if info.Size != 10 || !info.Modified.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("info = %+v, want size 10 and the Last-Modified", info)
	}
	if _, err := rc.Seek(6, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err != nil || string(b) != "6789" {
		t.Errorf("after Seek(6) read %q, %v; want 6789", b, err)
	}
	var ranged bool
	for _, r := range f.requests {
		if r.Method == http.MethodGet && r.Header.Get("Range") == "bytes=6-" {
			ranged = true
		}
	}
	if !ranged {
		t.Error("no GET with Range: bytes=6-; a seek must become a ranged GET, not a full download")
	}
}

func TestPresignGetIsValidSignatureV4(t *testing.T) {
	s, f := newFake(t)
	raw, err := s.PresignGet(context.Background(), "images/present.png", 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.requests) != 0 {
		t.Errorf("presigning made %d requests, want none (it is local)", len(f.requests))
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/conduit/images/present.png" || q.Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" ||
		q.Get("X-Amz-Expires") != "900" || q.Get("X-Amz-SignedHeaders") != "host" {
		t.Fatalf("URL %s: want the object's path, SigV4, 900 s and only host signed", raw)
	}
	if strings.Contains(raw, secretKey) || strings.Contains(raw, url.QueryEscape(secretKey)) {
		t.Fatal("the secret key is in the URL")
	}
	if got, want := q.Get("X-Amz-Signature"), sigV4(u, secretKey); got != want {
		t.Errorf("signature %s, want %s (computed independently)", got, want)
	}
	// And the URL fetches the object from the (fake) server.
	resp, err := http.Get(raw)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "0123456789" {
		t.Errorf("GET pre-signed = %d %q", resp.StatusCode, b)
	}

	if _, err := s.PresignGet(context.Background(), "../etc/passwd", time.Minute); !errors.Is(err, service.ErrBadBlobKey) {
		t.Errorf("PresignGet(../etc/passwd) = %v, want ErrBadBlobKey", err)
	}
}

// TestPresignAWSIsVirtualHosted: on AWS the bucket goes in the host name
// and the scheme follows UseSSL.
func TestPresignAWSIsVirtualHosted(t *testing.T) {
	s, err := New(Config{Endpoint: "s3." + region + ".amazonaws.com", Bucket: "conduit-uploads", AccessKey: accessKey, SecretKey: secretKey, Region: region, UseSSL: true})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := s.PresignGet(context.Background(), "thumbnails/x.jpg", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	// minio-go picks the dual-stack (IPv4 + IPv6) endpoint on AWS.
	if u.Scheme != "https" || u.Host != "conduit-uploads.s3.dualstack."+region+".amazonaws.com" || u.Path != "/thumbnails/x.jpg" || u.Query().Get("X-Amz-Expires") != "3600" {
		t.Errorf("URL %s: want https, the bucket in the host, the key as the path, 3600 s", raw)
	}
	if got, want := u.Query().Get("X-Amz-Signature"), sigV4(u, secretKey); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
}

// sigV4 computes the signature of a pre-signed GET URL from scratch, after
// the AWS documentation ("Authenticating Requests: Using Query Parameters").
func sigV4(u *url.URL, secret string) string {
	q := u.Query()
	amzDate := q.Get("X-Amz-Date")
	scope := strings.SplitN(q.Get("X-Amz-Credential"), "/", 2)[1] // date/region/s3/aws4_request
	parts := strings.Split(scope, "/")
	q.Del("X-Amz-Signature")
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var cq []string
	for _, k := range keys {
		cq = append(cq, uriEncode(k)+"="+uriEncode(q.Get(k)))
	}
	canonical := strings.Join([]string{"GET", u.EscapedPath(), strings.Join(cq, "&"), "host:" + u.Host + "\n", "host", "UNSIGNED-PAYLOAD"}, "\n")
	sum := sha256.Sum256([]byte(canonical))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	k := mac([]byte("AWS4"+secret), parts[0])
	k = mac(k, parts[1])
	k = mac(k, parts[2])
	k = mac(k, "aws4_request")
	return hex.EncodeToString(mac(k, toSign))
}

// uriEncode is SigV4's encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XX.
func uriEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}
