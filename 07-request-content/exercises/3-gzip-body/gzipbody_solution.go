//go:build solution

package gzipbody

import (
	"compress/gzip"
	"fmt"
	"io"
	"strings"
)

// Open returns a size-capped reader of the decoded body.
func Open(body io.Reader, contentEncoding string, limit int64) (io.ReadCloser, error) {
	switch enc := strings.ToLower(strings.TrimSpace(contentEncoding)); enc {
	case "", "identity":
		return io.NopCloser(&capped{r: body, left: limit, limit: limit}), nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, err
		}
		return &gzipBody{capped: capped{r: zr, left: limit, limit: limit}, zr: zr}, nil
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnsupportedEncoding, contentEncoding)
	}
}

// capped passes through at most limit bytes, then proves there is no more
// by reading one extra byte: if it arrives, the body is too large.
type capped struct {
	r     io.Reader
	left  int64
	limit int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		for {
			n, err := c.r.Read(one[:])
			if n > 0 {
				return 0, &TooLargeError{Limit: c.limit}
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

type gzipBody struct {
	capped
	zr *gzip.Reader
}

func (g *gzipBody) Close() error { return g.zr.Close() }
