package testinfra

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/ory/dockertest/v3"
)

var s3Service = service{
	name:    ServiceS3,
	envVar:  "WORKBOOK_S3_URL",
	compose: "minio",
	example: "http://127.0.0.1:9000 (with WORKBOOK_S3_ACCESS_KEY, WORKBOOK_S3_SECRET_KEY)",
}

// S3Env is an S3-compatible object store and a bucket of one test's own.
type S3Env struct {
	Endpoint  string // host:port
	AccessKey string
	SecretKey string
	UseSSL    bool
	// Bucket was created for the test; it is emptied and removed at cleanup.
	Bucket string
}

// S3 returns a bucket on the store at WORKBOOK_S3_URL (credentials from
// WORKBOOK_S3_ACCESS_KEY and WORKBOOK_S3_SECRET_KEY, default minioadmin),
// else a MinIO container, else the test skips.
func S3(tb testing.TB) *S3Env {
	tb.Helper()
	env := &S3Env{AccessKey: envOr("WORKBOOK_S3_ACCESS_KEY", "minioadmin"), SecretKey: envOr("WORKBOOK_S3_SECRET_KEY", "minioadmin")}
	if raw := os.Getenv(s3Service.envVar); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			broken(tb, s3Service, "want a URL such as http://127.0.0.1:9000, got %q", raw)
		}
		env.Endpoint, env.UseSSL = u.Host, u.Scheme == "https"
	} else {
		r, err := container(tb, "minio", &dockertest.RunOptions{
			Repository: "minio/minio", Tag: "latest", Cmd: []string{"server", "/data"},
			Env: []string{"MINIO_ROOT_USER=" + env.AccessKey, "MINIO_ROOT_PASSWORD=" + env.SecretKey},
		}, func(r *dockertest.Resource) error {
			c, err := minio.New(r.GetHostPort("9000/tcp"), &minio.Options{Creds: credentials.NewStaticV4(env.AccessKey, env.SecretKey, "")})
			if err != nil {
				return err
			}
			_, err = c.ListBuckets(context.Background())
			return err
		})
		if err != nil {
			unavailable(tb, s3Service, err.Error())
			return nil
		}
		env.Endpoint = r.GetHostPort("9000/tcp")
	}
	c, err := env.Client()
	if err != nil {
		broken(tb, s3Service, "%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env.Bucket = uniqueName(tb, "-")
	if err := c.MakeBucket(ctx, env.Bucket, minio.MakeBucketOptions{}); err != nil {
		broken(tb, s3Service, "make bucket %s: %v", env.Bucket, err)
	}
	tb.Cleanup(func() { env.removeBucket(tb, c) })
	return env
}

// Client returns a minio-go client for the store.
func (e *S3Env) Client() (*minio.Client, error) {
	return minio.New(e.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(e.AccessKey, e.SecretKey, ""), Secure: e.UseSSL})
}

func (e *S3Env) removeBucket(tb testing.TB, c *minio.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for obj := range c.ListObjects(ctx, e.Bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: true}) {
		if obj.Err != nil {
			break
		}
		_ = c.RemoveObject(ctx, e.Bucket, obj.Key, minio.RemoveObjectOptions{VersionID: obj.VersionID})
	}
	if err := c.RemoveBucket(ctx, e.Bucket); err != nil {
		tb.Logf("testinfra: remove bucket %s: %v", e.Bucket, fmt.Errorf("%w", err))
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
