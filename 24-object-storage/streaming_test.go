package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// patternReader yields n bytes of repeated text, made on the fly: the
// test's 200 MB never exist in memory or in the repository.
type patternReader struct{ left int64 }

const pattern = "object storage streams: bounded memory whatever the size.......\n" // 64 bytes

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(b) && p.left > 0 {
		k := copy(b[n:min(len(b), n+int(p.left))], pattern)
		n += k
		p.left -= int64(k)
	}
	return n, nil
}

// heapPeak samples the bytes of live heap objects every millisecond
// until stop is called, and returns the highest value seen.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done, quit := make(chan struct{}), make(chan struct{})
	var once sync.Once
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		once.Do(func() { close(quit) })
		<-done
		return peak
	}
}

// TestStreaming200MB uploads and downloads 200 MB and checks that the
// heap grows by far less than the file: bytes stream through fixed
// buffers. The bound is structural (32 MiB against 200 MB), not a speed.
func TestStreaming200MB(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads and downloads 200 MB; skipped with -short")
	}
	const size = 200 << 20
	const bound = 32 << 20
	e := newTestEnv(t, 256<<20)

	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	stop := heapPeak()

	req, err := http.NewRequest("PUT", e.ts.URL+"/objects/big.txt", &patternReader{left: size})
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT 200 MB = %d, want 201", resp.StatusCode)
	}

	want := sha256.New()
	io.Copy(want, &patternReader{left: size})
	resp, err = e.ts.Client().Get(e.ts.URL + "/objects/big.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := sha256.New()
	n, err := io.Copy(got, resp.Body)
	resp.Body.Close()
	if err != nil || n != size || hex.EncodeToString(got.Sum(nil)) != hex.EncodeToString(want.Sum(nil)) {
		t.Fatalf("GET read %d bytes (%v), hash match %v; want all %d bytes back", n, err, string(got.Sum(nil)) == string(want.Sum(nil)), size)
	}
	peak := stop()
	growth := int64(peak) - int64(base)
	t.Logf("200 MB up and down: live heap %.1f MiB before, peak %.1f MiB, growth %.1f MiB (bound %d MiB)",
		float64(base)/(1<<20), float64(peak)/(1<<20), float64(growth)/(1<<20), bound>>20)
	if growth > bound {
		t.Errorf("heap grew by %d bytes while moving %d bytes; want under %d: something buffers the whole body", growth, size, bound)
	}
}
