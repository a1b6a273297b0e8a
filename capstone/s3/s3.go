// Package s3 is the service.BlobStore on any S3-compatible object store
// (AWS S3, MinIO, Ceph RGW, R2…) through minio-go, selected by S3_ENDPOINT.
// The bucket stays private: GET /api/uploads/{key} redirects to a
// pre-signed URL (AWS Signature V4 in the query string) that S3 itself
// checks, so the bytes never pass through the API.
package s3

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"workbook/capstone/service"
)

// Config names the store and the credentials.
type Config struct {
	Endpoint  string // host:port, no scheme
	Bucket    string
	AccessKey string
	SecretKey string
	// Region signs the requests; empty: asked of the server once, at the
	// first request that needs it.
	Region string
	UseSSL bool
	// Transport carries the requests; nil: minio-go's default.
	Transport http.RoundTripper
}

// Store is a bucket as a BlobStore.
type Store struct {
	c      *minio.Client
	bucket string
}

var _ service.BlobStore = (*Store)(nil)

// New returns a store on c.Bucket. It does not touch the network; Ping does.
func New(c Config) (*Store, error) {
	if c.Bucket == "" {
		return nil, errors.New("s3: no bucket")
	}
	mc, err := minio.New(c.Endpoint, &minio.Options{
		Creds:     credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure:    c.UseSSL,
		Region:    c.Region,
		Transport: c.Transport,
	})
	if err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	return &Store{c: mc, bucket: c.Bucket}, nil
}

// Ping checks that the bucket exists and the credentials may see it.
func (s *Store) Ping(ctx context.Context) error {
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("s3: bucket %s: %w", s.bucket, err)
	}
	if !ok {
		return fmt.Errorf("s3: bucket %s does not exist", s.bucket)
	}
	return nil
}

// notFound maps S3's "no such key" (a 404 to GET and HEAD alike) to
// service.ErrBlobNotFound.
func notFound(err error) error {
	if err == nil {
		return nil
	}
	r := minio.ToErrorResponse(err)
	if r.Code == minio.NoSuchKey || r.StatusCode == http.StatusNotFound && r.Code != minio.NoSuchBucket {
		return errors.Join(service.ErrBlobNotFound, err)
	}
	return fmt.Errorf("s3: %w", err)
}

// Put uploads size bytes in one PUT (minio-go uses a multipart upload only
// past 16 MiB, far above any image limit) with contentType as the
// object's Content-Type, which S3 then serves on the pre-signed GET. S3
// writes an object whole or not at all; a short body is refused.
func (s *Store) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if !service.ValidBlobKey(key) {
		return service.ErrBadBlobKey
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	// A known size is sent as Content-Length; a body that ends early fails
	// the request instead of storing what came.
	_, err := s.c.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("s3: put %s: %w", key, err)
	}
	return nil
}

// Open stats the object, then returns minio-go's lazy object: nothing is
// downloaded until it is read, and each Seek + Read is a ranged GET.
func (s *Store) Open(ctx context.Context, key string) (io.ReadSeekCloser, service.BlobInfo, error) {
	info, err := s.Stat(ctx, key)
	if err != nil {
		return nil, service.BlobInfo{}, err
	}
	obj, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, service.BlobInfo{}, notFound(err)
	}
	return obj, info, nil
}

// Stat is a HEAD request.
func (s *Store) Stat(ctx context.Context, key string) (service.BlobInfo, error) {
	if !service.ValidBlobKey(key) {
		return service.BlobInfo{}, service.ErrBadBlobKey
	}
	oi, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return service.BlobInfo{}, notFound(err)
	}
	return service.BlobInfo{Key: key, Size: oi.Size, Modified: oi.LastModified}, nil
}

// Delete removes the object; S3 answers a missing key with success too.
func (s *Store) Delete(ctx context.Context, key string) error {
	if !service.ValidBlobKey(key) {
		return service.ErrBadBlobKey
	}
	if err := s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("s3: delete %s: %w", key, err)
	}
	return nil
}

// PresignGet signs a GET of key for expires (1 s to 7 days, Signature V4's
// bounds). Signing is local: with Region set it makes no request.
func (s *Store) PresignGet(ctx context.Context, key string, expires time.Duration) (string, error) {
	if !service.ValidBlobKey(key) {
		return "", service.ErrBadBlobKey
	}
	u, err := s.c.PresignedGetObject(ctx, s.bucket, key, expires, nil)
	if err != nil {
		return "", fmt.Errorf("s3: presign %s: %w", key, err)
	}
	return u.String(), nil
}
