package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/jpeg" // registers the JPEG decoder with image.Decode
	"image/png"
	"log/slog"
	"sync/atomic"

	"golang.org/x/image/draw"
)

// thumbSize is the longest side of a thumbnail, in pixels.
const thumbSize = 128

// maxPixels refuses images whose header claims more pixels than this:
// a 100 KB PNG can declare 50 000 × 50 000 pixels and ask for 10 GB of RAM
// (a decompression bomb). image.DecodeConfig reads only the header.
const maxPixels = 40_000_000

// thumbnailer is the background worker: uploads only enqueue a hash and
// return; the slow decode and resize happen here, off the request path.
type thumbnailer struct {
	store  Store
	log    *slog.Logger
	jobs   chan string
	queued atomic.Int64
}

func newThumbnailer(store Store, log *slog.Logger) *thumbnailer {
	return &thumbnailer{store: store, log: log, jobs: make(chan string, 256)}
}

// enqueue never blocks an upload: when the queue is full the job is
// dropped and logged (a real system would use a durable queue, chapter 15).
func (t *thumbnailer) enqueue(sha string) {
	select {
	case t.jobs <- sha:
		t.queued.Add(1)
	default:
		t.log.Warn("thumbnail queue full, dropped", "sha256", sha)
	}
}

// run works until ctx is done.
func (t *thumbnailer) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case sha := <-t.jobs:
			if err := t.make(ctx, sha); err != nil {
				t.log.Warn("thumbnail failed", "sha256", sha, "err", err)
			} else {
				t.log.Info("thumbnail stored", "sha256", sha)
			}
			t.queued.Add(-1)
		}
	}
}

var errTooManyPixels = errors.New("image too large to thumbnail")

func (t *thumbnailer) make(ctx context.Context, sha string) error {
	f, _, err := t.store.Open(ctx, blobKey(sha))
	if err != nil {
		return err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return err
	}
	if cfg.Width*cfg.Height > maxPixels {
		return errTooManyPixels
	}
	if _, err := f.Seek(0, 0); err != nil {
		return err
	}
	src, _, err := image.Decode(f)
	if err != nil {
		return err
	}
	dst := image.NewRGBA(fit(src.Bounds(), thumbSize))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return err
	}
	return t.store.Put(ctx, thumbKey(sha), &buf, int64(buf.Len()))
}

// fit scales b so that its longest side is at most side, keeping the
// aspect ratio and at least one pixel per side.
func fit(b image.Rectangle, side int) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return image.Rect(0, 0, w, h)
	}
	if w >= h {
		return image.Rect(0, 0, side, max(1, h*side/w))
	}
	return image.Rect(0, 0, max(1, w*side/h), side)
}
