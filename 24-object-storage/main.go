// Command 24-object-storage is a small object store: direct, pre-signed and
// resumable uploads, Range downloads with cache validators, content-addressed
// dedup, versions and metadata, lifecycle rules with a compressed cold tier,
// and thumbnails made by a background worker. Bytes live on the file system
// (default) or in any S3-compatible service.
//
//	go run ./24-object-storage                          # 127.0.0.1:8024, files under $TMPDIR
//	STORE=s3 S3_ENDPOINT=127.0.0.1:9000 S3_BUCKET=objects \
//	  S3_ACCESS_KEY=minioadmin S3_SECRET_KEY=minioadmin go run ./24-object-storage
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr      string
	publicURL string // base of the filesystem backend's pre-signed URLs
	logFormat string
	store     string // "fs" or "s3"
	dataDir   string // fs: where the bytes live; both: the spool for uploads
	s3        s3Config
	signKey   string // fs: HMAC secret for pre-signed URLs; random when empty
	maxBytes  int64
	policy    lifecyclePolicy
	every     time.Duration // how often the lifecycle runs
}

type s3Config struct {
	endpoint, bucket, accessKey, secretKey string
	useSSL                                 bool
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "24-object-storage:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "24-object-storage:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// parseConfig reads flags from args, each defaulting to an environment
// variable (ADDR, PUBLIC_URL, LOG_FORMAT, STORE, DATA_DIR, S3_ENDPOINT,
// S3_BUCKET, S3_USE_SSL, MAX_UPLOAD_BYTES, EXPIRE_DAYS, NONCURRENT_DAYS,
// COLD_DAYS, LIFECYCLE_EVERY) and then to a laptop default. Secrets come
// from the environment only (S3_ACCESS_KEY, S3_SECRET_KEY, SIGN_KEY), so
// they never show in a process list.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	ints := map[string]int64{}
	for _, d := range []struct{ env, def string }{
		{"MAX_UPLOAD_BYTES", "268435456"}, {"EXPIRE_DAYS", "0"}, {"NONCURRENT_DAYS", "30"}, {"COLD_DAYS", "30"},
	} {
		v, err := strconv.ParseInt(serve.EnvOr(getenv, d.env, d.def), 10, 64)
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not an integer", d.env, getenv(d.env))
		}
		ints[d.env] = v
	}
	every, err := time.ParseDuration(serve.EnvOr(getenv, "LIFECYCLE_EVERY", "1h"))
	if err != nil {
		return config{}, fmt.Errorf("LIFECYCLE_EVERY=%q is not a duration", getenv("LIFECYCLE_EVERY"))
	}
	ssl, err := strconv.ParseBool(serve.EnvOr(getenv, "S3_USE_SSL", "false"))
	if err != nil {
		return config{}, fmt.Errorf("S3_USE_SSL=%q is not a boolean", getenv("S3_USE_SSL"))
	}

	cfg := config{signKey: getenv("SIGN_KEY"), s3: s3Config{accessKey: getenv("S3_ACCESS_KEY"), secretKey: getenv("S3_SECRET_KEY")}}
	var expire, noncurrent, cold int
	fs := flag.NewFlagSet("24-object-storage", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8024"), "listen address (env ADDR)")
	fs.StringVar(&cfg.publicURL, "public-url", getenv("PUBLIC_URL"), "base URL of pre-signed fs URLs; default http://<addr> (env PUBLIC_URL)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	fs.StringVar(&cfg.store, "store", serve.EnvOr(getenv, "STORE", "fs"), "backend: fs or s3 (env STORE)")
	fs.StringVar(&cfg.dataDir, "data", serve.EnvOr(getenv, "DATA_DIR", filepath.Join(os.TempDir(), "workbook-24-object-storage")), "data directory (env DATA_DIR)")
	fs.StringVar(&cfg.s3.endpoint, "s3-endpoint", getenv("S3_ENDPOINT"), "S3 host:port (env S3_ENDPOINT)")
	fs.StringVar(&cfg.s3.bucket, "s3-bucket", getenv("S3_BUCKET"), "S3 bucket, which must exist (env S3_BUCKET)")
	fs.BoolVar(&cfg.s3.useSSL, "s3-ssl", ssl, "use https to S3 (env S3_USE_SSL)")
	fs.Int64Var(&cfg.maxBytes, "max-upload", ints["MAX_UPLOAD_BYTES"], "largest upload in bytes (env MAX_UPLOAD_BYTES)")
	fs.IntVar(&expire, "expire-days", int(ints["EXPIRE_DAYS"]), "expire current versions after N days; 0 never (env EXPIRE_DAYS)")
	fs.IntVar(&noncurrent, "noncurrent-days", int(ints["NONCURRENT_DAYS"]), "remove noncurrent versions after N days; 0 never (env NONCURRENT_DAYS)")
	fs.IntVar(&cold, "cold-days", int(ints["COLD_DAYS"]), "move blobs to the compressed cold tier after N days; 0 never (env COLD_DAYS)")
	fs.DurationVar(&cfg.every, "lifecycle-every", every, "how often lifecycle rules run (env LIFECYCLE_EVERY)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg.policy = lifecyclePolicy{expireDays: expire, noncurrentDays: noncurrent, coldDays: cold}
	switch {
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	case cfg.store != "fs" && cfg.store != "s3":
		return config{}, fmt.Errorf("store must be fs or s3, got %q", cfg.store)
	case cfg.store == "s3" && (cfg.s3.endpoint == "" || cfg.s3.bucket == "" || cfg.s3.accessKey == "" || cfg.s3.secretKey == ""):
		return config{}, errors.New("store s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY")
	case cfg.maxBytes < 1:
		return config{}, fmt.Errorf("max upload must be positive, got %d", cfg.maxBytes)
	case expire < 0 || noncurrent < 0 || cold < 0:
		return config{}, errors.New("lifecycle days must not be negative")
	case cfg.every <= 0:
		return config{}, fmt.Errorf("lifecycle interval must be positive, got %s", cfg.every)
	}
	if cfg.publicURL == "" {
		cfg.publicURL = "http://" + cfg.addr
	}
	return cfg, nil
}

// allowedTypes are the sniffed types an upload may have.
var allowedTypes = map[string]bool{
	"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"application/pdf": true, "text/plain; charset=utf-8": true,
}

// newObjectServer wires a store, the catalogue, the upload sessions and
// the thumbnail worker. The caller runs s.thumbs.run.
func newObjectServer(ctx context.Context, store Store, signer *urlSigner, spool string, maxBytes int64, now func() time.Time, logger *slog.Logger) (*server, error) {
	if err := os.MkdirAll(spool, 0o750); err != nil {
		return nil, err
	}
	thumbs := newThumbnailer(store, logger)
	cat := &catalog{store: store, spool: spool, now: now, log: logger, allowed: allowedTypes, onImage: thumbs.enqueue}
	if err := cat.load(ctx); err != nil {
		return nil, err
	}
	return &server{
		store: store, cat: cat, thumbs: thumbs, signer: signer, log: logger, maxBytes: maxBytes,
		ups: &uploads{dir: spool, m: map[string]*upload{}},
	}, nil
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	var store Store
	var signer *urlSigner
	spool := filepath.Join(cfg.dataDir, "spool")
	if cfg.store == "s3" {
		s, err := newS3Store(cfg.s3.endpoint, cfg.s3.accessKey, cfg.s3.secretKey, cfg.s3.bucket, cfg.s3.useSSL)
		if err != nil {
			return err
		}
		store = s
	} else {
		key := []byte(cfg.signKey)
		if len(key) == 0 {
			key = make([]byte, 32)
			_, _ = rand.Read(key)
			logger.Warn("SIGN_KEY not set: pre-signed URLs end with this process")
		}
		signer = &urlSigner{secret: key, now: time.Now}
		s, err := newFSStore(filepath.Join(cfg.dataDir, "objects"), signer, cfg.publicURL)
		if err != nil {
			return err
		}
		store = s
	}
	srv, err := newObjectServer(ctx, store, signer, spool, cfg.maxBytes, time.Now, logger)
	if err != nil {
		return err
	}
	srv.policy = cfg.policy
	go srv.thumbs.run(ctx)
	go func() {
		t := time.NewTicker(cfg.every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				rep, err := srv.cat.runLifecycle(ctx, cfg.policy, time.Now().UTC())
				logger.Info("lifecycle run", "report", rep, "err", err)
			}
		}
	}()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "store", cfg.store, "data", cfg.dataDir)
	hs := serve.NewServer(routes(srv), logger)
	// A 200 MB upload on a slow link takes longer than the house 15 s/30 s:
	// large bodies get no whole-request deadline; the header timeout and
	// the idle timeout still bound a client that stalls before or after.
	hs.ReadTimeout, hs.WriteTimeout = 0, 0
	return serve.Run(ctx, hs, ln, logger, 10*time.Second)
}
