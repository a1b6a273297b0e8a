package main

import (
	"context"
	"io"
	"sort"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// s3Store is the same contract over any S3-compatible service, through
// minio-go. Pre-signed URLs are AWS Signature V4 query strings that the
// S3 service itself checks: the bytes never pass through this server.
type s3Store struct {
	c      *minio.Client
	bucket string
}

func newS3Store(endpoint, accessKey, secretKey, bucket string, useSSL bool) (*s3Store, error) {
	c, err := minio.New(endpoint, &minio.Options{Creds: credentials.NewStaticV4(accessKey, secretKey, ""), Secure: useSSL})
	if err != nil {
		return nil, err
	}
	return &s3Store{c: c, bucket: bucket}, nil
}

// notExist maps S3's "NoSuchKey" to the contract's ErrNotExist.
func notExist(err error) error {
	if err != nil && minio.ToErrorResponse(err).Code == minio.NoSuchKey {
		return ErrNotExist
	}
	return err
}

func (s *s3Store) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	if !validKey(key) {
		return errBadKey
	}
	// A known size lets minio-go read parts straight from an io.ReaderAt;
	// -1 would make it allocate a whole part (~537 MiB) in memory.
	_, err := s.c.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{ContentType: "application/octet-stream"})
	return err
}

func (s *s3Store) Open(ctx context.Context, key string) (io.ReadSeekCloser, Info, error) {
	info, err := s.Stat(ctx, key)
	if err != nil {
		return nil, Info{}, err
	}
	// *minio.Object is lazy and seekable: each Seek+Read becomes a ranged GET.
	obj, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, Info{}, notExist(err)
	}
	return obj, info, nil
}

func (s *s3Store) Stat(ctx context.Context, key string) (Info, error) {
	if !validKey(key) {
		return Info{}, errBadKey
	}
	oi, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, notExist(err)
	}
	return Info{Key: key, Size: oi.Size, Modified: oi.LastModified}, nil
}

func (s *s3Store) Delete(ctx context.Context, key string) error {
	if !validKey(key) {
		return errBadKey
	}
	return s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
}

func (s *s3Store) List(ctx context.Context, prefix string) ([]Info, error) {
	var out []Info
	for oi := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if oi.Err != nil {
			return nil, oi.Err
		}
		out = append(out, Info{Key: oi.Key, Size: oi.Size, Modified: oi.LastModified})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

func (s *s3Store) PresignGet(ctx context.Context, key string, expires time.Duration) (string, error) {
	if !validKey(key) {
		return "", errBadKey
	}
	u, err := s.c.PresignedGetObject(ctx, s.bucket, key, expires, nil)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

func (s *s3Store) PresignPut(ctx context.Context, key string, expires time.Duration) (string, error) {
	if !validKey(key) {
		return "", errBadKey
	}
	u, err := s.c.PresignedPutObject(ctx, s.bucket, key, expires)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}
