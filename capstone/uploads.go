package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"workbook/capstone/fsblob"
	"workbook/capstone/httpapi"
	"workbook/capstone/s3"
	"workbook/capstone/service"
)

// newUploads picks the blob store — S3 when S3_ENDPOINT is set, else the
// directory UPLOAD_DIR — and returns it with the thumbnail job's handler
// and stop, which closes the store. Call stop after the job workers have
// stopped: a thumbnail job in hand still writes to the store.
func newUploads(ctx context.Context, cfg config, logger *slog.Logger) (service.BlobStore, service.Thumbnails, func(), error) {
	if cfg.S3Endpoint != "" {
		st, err := s3.New(s3.Config{Endpoint: cfg.S3Endpoint, Bucket: cfg.S3Bucket, AccessKey: cfg.S3AccessKey,
			SecretKey: cfg.S3SecretKey, Region: cfg.S3Region, UseSSL: cfg.S3UseSSL})
		if err != nil {
			return nil, service.Thumbnails{}, nil, err
		}
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := st.Ping(pctx); err != nil {
			// Not fatal: everything but uploads works, and they answer 503
			// until the store does.
			logger.Warn("uploads: the S3 store does not answer yet; uploads fail until it does", "endpoint", cfg.S3Endpoint, "bucket", cfg.S3Bucket, "err", err)
		}
		logger.Info("uploads", "kind", "s3", "endpoint", cfg.S3Endpoint, "bucket", cfg.S3Bucket, "max_bytes", cfg.UploadMaxBytes)
		return st, service.Thumbnails{Blobs: st}, func() { logger.Info("uploads: blob store closed") }, nil
	}
	st, err := fsblob.New(cfg.UploadDir)
	if err != nil {
		return nil, service.Thumbnails{}, nil, err
	}
	logger.Info("uploads", "kind", "filesystem", "dir", cfg.UploadDir, "max_bytes", cfg.UploadMaxBytes)
	return st, service.Thumbnails{Blobs: st}, func() {
		_ = st.Close()
		logger.Info("uploads: blob store closed")
	}, nil
}

// newUploadService is the uploads use case on the final store (with its
// cache and index decorators), so a new user image reaches both.
func newUploadService(cfg config, blobs service.BlobStore, store service.Store, jobs service.JobQueue, logger *slog.Logger) *service.Uploads {
	return &service.Uploads{Blobs: blobs, Users: store, Articles: store, Jobs: jobs, Logger: logger,
		URLPrefix: strings.TrimRight(cfg.UploadBaseURL, "/") + httpapi.UploadsPath,
		Limit:     cfg.UploadMaxBytes, MaxSide: cfg.UploadMaxDimension, URLTTL: cfg.S3PresignTTL}
}

// defaultUploadBaseURL is where the API answers when it listens on addr, for
// absolute image URLs a front end on another origin can use: 127.0.0.1:8080
// → http://127.0.0.1:8080, :8080 → http://localhost:8080. A free port
// (":0") is not known yet, so the URLs are then relative to the API.
func defaultUploadBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "0" || port == "" {
		return ""
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// bucketName is S3's rule for bucket names (3-63 lowercase letters,
// digits, dots and hyphens, starting and ending with a letter or digit).
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// validateUploads returns every rule the upload settings break.
func (c config) validateUploads() []error {
	var p []error
	bad := func(format string, args ...any) { p = append(p, fmt.Errorf(format, args...)) }
	if c.UploadMaxBytes < 1024 || c.UploadMaxBytes > 64<<20 {
		bad("UPLOAD_MAX_BYTES: %d is not between 1024 and %d (64 MiB)", c.UploadMaxBytes, 64<<20)
	}
	if c.UploadMaxDimension < 16 || c.UploadMaxDimension > 20_000 {
		bad("UPLOAD_MAX_DIMENSION: %d is not between 16 and 20000 pixels", c.UploadMaxDimension)
	}
	if c.UploadBaseURL != "" {
		u, err := url.Parse(c.UploadBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || len(c.UploadBaseURL) > 1000 {
			bad("UPLOAD_BASE_URL: %q is not an http(s) URL without query (at most 1000 bytes)", c.UploadBaseURL)
		}
	}
	if c.S3PresignTTL < time.Second || c.S3PresignTTL > 7*24*time.Hour {
		// Signature V4's bounds, which minio-go enforces.
		bad("S3_PRESIGN_TTL: %s is not between 1s and 168h", c.S3PresignTTL)
	}
	if c.S3Endpoint == "" {
		if c.UploadDir == "" {
			bad("UPLOAD_DIR: must be set when S3_ENDPOINT is not")
		}
		for name, v := range map[string]string{"S3_BUCKET": c.S3Bucket, "S3_ACCESS_KEY": c.S3AccessKey, "S3_SECRET_KEY": c.S3SecretKey, "S3_REGION": c.S3Region} {
			if v != "" {
				bad("%s: is set, but S3_ENDPOINT is not (uploads go to UPLOAD_DIR)", name)
			}
		}
		return p
	}
	if strings.Contains(c.S3Endpoint, "/") {
		bad("S3_ENDPOINT: %q must be host[:port] without a scheme or path (S3_USE_SSL picks https)", c.S3Endpoint)
	} else if _, port, err := net.SplitHostPort(c.S3Endpoint); err == nil && port == "" {
		bad("S3_ENDPOINT: %q has an empty port", c.S3Endpoint)
	}
	if !bucketName.MatchString(c.S3Bucket) || strings.Contains(c.S3Bucket, "..") {
		bad("S3_BUCKET: %q is not a bucket name (3-63 lowercase letters, digits, '.' and '-')", c.S3Bucket)
	}
	if c.S3AccessKey == "" || c.S3SecretKey == "" {
		bad("S3_ACCESS_KEY and S3_SECRET_KEY: both are required with S3_ENDPOINT")
	}
	return p
}

// uploadsLogValue is the upload settings for the start log, without the keys.
func (c config) uploadsLogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int64("max_bytes", c.UploadMaxBytes),
		slog.Int("max_dimension", c.UploadMaxDimension),
		slog.String("base_url", c.UploadBaseURL),
	}
	if c.S3Endpoint == "" {
		return slog.GroupValue(append(attrs, slog.String("store", "filesystem"), slog.String("dir", c.UploadDir))...)
	}
	key := "" // whether one is set, never which
	if c.S3AccessKey != "" {
		key = "[redacted]"
	}
	return slog.GroupValue(append(attrs, slog.String("store", "s3"), slog.String("s3_endpoint", c.S3Endpoint),
		slog.String("s3_bucket", c.S3Bucket), slog.String("s3_region", c.S3Region), slog.Bool("s3_use_ssl", c.S3UseSSL),
		slog.String("s3_access_key", key), slog.String("s3_presign_ttl", c.S3PresignTTL.String()))...)
}

// defaultUploadDir is where uploads go with nothing configured: under the
// system's temporary directory, so `go run ./capstone` writes nothing into
// the checkout. Set UPLOAD_DIR to a lasting directory with DATABASE_URL:
// a temporary directory may be emptied by the system.
func defaultUploadDir() string { return filepath.Join(os.TempDir(), "conduit-uploads") }
