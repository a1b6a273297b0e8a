package resumableoffsets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

const where = "(edit exercises/2-resumable-offsets/upload.go)"

func sum(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

type step struct {
	offset     int64
	chunk      string
	wantOffset int64
	wantErr    error
}

// run applies the steps to a new session over "0123456789" with a
// minimum chunk of 4, and returns it and what reached the sink.
func run(t *testing.T, steps []step) (*Session, *bytes.Buffer) {
	t.Helper()
	var sink bytes.Buffer
	s, err := New(10, 4, &sink)
	if err != nil || s == nil {
		t.Fatalf("New(10, 4, sink) = %v, %v; want a session %s", s, err, where)
	}
	for i, st := range steps {
		got, err := s.Write(st.offset, []byte(st.chunk))
		if got != st.wantOffset || !errors.Is(err, st.wantErr) || (st.wantErr == nil && err != nil) {
			t.Fatalf("step %d: Write(%d, %q) = %d, %v; want %d, %v %s", i, st.offset, st.chunk, got, err, st.wantOffset, st.wantErr, where)
		}
		if o := s.Offset(); o != st.wantOffset {
			t.Fatalf("step %d: Offset() = %d after Write(%d, %q), want %d %s", i, o, st.offset, st.chunk, st.wantOffset, where)
		}
	}
	return s, &sink
}

func TestNew(t *testing.T) {
	for _, c := range []struct{ length, min int64 }{{0, 1}, {-5, 1}, {10, 0}, {10, -1}} {
		if s, err := New(c.length, c.min, &bytes.Buffer{}); !errors.Is(err, ErrLength) || s != nil {
			t.Errorf("New(%d, %d) = %v, %v; want nil, ErrLength %s", c.length, c.min, s, err, where)
		}
	}
	s, err := New(1, 1, &bytes.Buffer{})
	if err != nil || s == nil || s.Offset() != 0 {
		t.Fatalf("New(1, 1) = %v, %v; want a session at offset 0 %s", s, err, where)
	}
}

func TestChunksInOrder(t *testing.T) {
	s, sink := run(t, []step{
		{0, "0123", 4, nil},
		{4, "4567", 8, nil},
		{8, "89", 10, nil}, // the last chunk may be small
	})
	if sink.String() != "0123456789" {
		t.Errorf("sink got %q, want 0123456789 %s", sink, where)
	}
	if err := s.Finish(sum("0123456789")); err != nil {
		t.Errorf("Finish(sha256 of the bytes) = %v, want nil %s", err, where)
	}
	if err := s.Finish(strings.ToUpper(sum("0123456789"))); err != nil {
		t.Errorf("Finish(the same hash in uppercase hex) = %v, want nil %s", err, where)
	}
	s, _ = run(t, []step{{0, "0123456789", 10, nil}})
	if err := s.Finish(sum("0123456789")); err != nil {
		t.Errorf("one chunk of the whole length: Finish = %v, want nil %s", err, where)
	}
}

func TestGapsAndOverlapsAreRefused(t *testing.T) {
	_, sink := run(t, []step{
		{0, "0123", 4, nil},
		{6, "6789", 4, ErrGap},
		{5, "5678", 4, ErrGap},
		{2, "2345", 4, ErrOverlap},
		{3, "3456", 4, ErrOverlap},
		{-1, "x012", 4, ErrOverlap},
		{0, "01234567", 4, ErrOverlap}, // same start as the last chunk, longer
		{0, "0124", 4, ErrOverlap},     // same start and length, other bytes
		{4, "4567", 8, nil},
		{0, "0123", 8, ErrOverlap}, // a retry of an older chunk
		{4, "456", 8, ErrOverlap},
	})
	if sink.String() != "01234567" {
		t.Errorf("sink got %q after refused chunks, want 01234567 %s", sink, where)
	}
}

func TestRetryOfTheLastChunkIsIdempotent(t *testing.T) {
	s, sink := run(t, []step{
		{0, "0123", 4, nil},
		{0, "0123", 4, nil}, // the response was lost: same chunk again
		{0, "0123", 4, nil},
		{4, "4567", 8, nil},
		{4, "4567", 8, nil},
		{8, "89", 10, nil},
		{8, "89", 10, nil}, // even once complete
	})
	if sink.String() != "0123456789" {
		t.Errorf("sink got %q, want each chunk once: 0123456789 %s", sink, where)
	}
	if err := s.Finish(sum("0123456789")); err != nil {
		t.Errorf("Finish after retries = %v, want nil (a retry is not hashed twice) %s", err, where)
	}
	// Identical bytes at the next offset are a new chunk, not a retry
	// (a disk image is full of equal blocks of zeros).
	var zeros bytes.Buffer
	z, _ := New(10, 4, &zeros)
	for _, st := range []step{{0, "0000", 4, nil}, {4, "0000", 8, nil}, {4, "0000", 8, nil}, {8, "00", 10, nil}} {
		if got, err := z.Write(st.offset, []byte(st.chunk)); got != st.wantOffset || err != nil {
			t.Fatalf("zeros: Write(%d, %q) = %d, %v; want %d, nil %s", st.offset, st.chunk, got, err, st.wantOffset, where)
		}
	}
	if zeros.String() != "0000000000" {
		t.Errorf("zeros: sink got %q, want ten zeros %s", zeros.String(), where)
	}
}

func TestLengthAndChunkSize(t *testing.T) {
	run(t, []step{
		{0, "01234567890", 0, ErrTooLong},
		{0, "0123", 4, nil},
		{4, "4567890", 4, ErrTooLong},
		{4, "456", 4, ErrSmallChunk}, // not the last, under the minimum
		{4, "4567", 8, nil},          // exactly the minimum
		{8, "890", 8, ErrTooLong},
		{8, "8", 8, ErrSmallChunk},
		{8, "", 8, ErrEmpty},
		{8, "89", 10, nil},
		{10, "x", 10, ErrTooLong},
	})
	var sink bytes.Buffer
	s, _ := New(3, 4, &sink)
	if got, err := s.Write(0, []byte("abc")); got != 3 || err != nil {
		t.Errorf("an upload shorter than the minimum chunk: Write(0, abc) = %d, %v; want 3, nil %s", got, err, where)
	}
	s, _ = New(10, 4, &sink)
	if got, err := s.Write(0, nil); got != 0 || !errors.Is(err, ErrEmpty) {
		t.Errorf("Write(0, nil) on a new session = %d, %v; want 0, ErrEmpty %s", got, err, where)
	}
}

func TestFinish(t *testing.T) {
	s, _ := run(t, []step{{0, "0123", 4, nil}})
	if err := s.Finish(sum("0123")); !errors.Is(err, ErrIncomplete) {
		t.Errorf("Finish at 4 of 10 bytes = %v, want ErrIncomplete %s", err, where)
	}
	run2, _ := run(t, []step{{0, "0123", 4, nil}, {4, "4567", 8, nil}, {8, "89", 10, nil}})
	for _, bad := range []string{sum("0123456788"), "", "not hex", sum("0123456789")[1:]} {
		if err := run2.Finish(bad); !errors.Is(err, ErrChecksum) {
			t.Errorf("Finish(%q) = %v, want ErrChecksum %s", bad, err, where)
		}
	}
}

// flakySink fails the writes whose numbers are in fail (1-based).
type flakySink struct {
	bytes.Buffer
	n    int
	fail map[int]bool
}

var errDisk = errors.New("disk full")

func (f *flakySink) Write(p []byte) (int, error) {
	f.n++
	if f.fail[f.n] {
		return 0, errDisk
	}
	return f.Buffer.Write(p)
}

func TestSinkErrorsMoveNothing(t *testing.T) {
	sink := &flakySink{fail: map[int]bool{2: true}}
	s, err := New(10, 4, sink)
	if err != nil {
		t.Fatalf("New: %v %s", err, where)
	}
	if got, err := s.Write(0, []byte("0123")); got != 4 || err != nil {
		t.Fatalf("Write(0, 0123) = %d, %v; want 4, nil %s", got, err, where)
	}
	if got, err := s.Write(4, []byte("4567")); got != 4 || !errors.Is(err, errDisk) {
		t.Fatalf("Write(4, 4567) with a failing sink = %d, %v; want 4 and the sink's error %s", got, err, where)
	}
	if got, err := s.Write(4, []byte("4567")); got != 8 || err != nil {
		t.Fatalf("Write(4, 4567) again = %d, %v; want 8, nil (the failed chunk was never stored) %s", got, err, where)
	}
	if got, err := s.Write(8, []byte("89")); got != 10 || err != nil {
		t.Fatalf("Write(8, 89) = %d, %v; want 10, nil %s", got, err, where)
	}
	if sink.String() != "0123456789" {
		t.Errorf("sink got %q, want 0123456789 %s", sink.String(), where)
	}
	if err := s.Finish(sum("0123456789")); err != nil {
		t.Errorf("Finish = %v, want nil: a failed write must not reach the checksum %s", err, where)
	}
}

// TestFlakyClient replays what a client on a bad connection does —
// lost responses, resends, a stale offset — and checks that the bytes and
// the checksum come out whole.
func TestFlakyClient(t *testing.T) {
	data := make([]byte, 5000)
	r := rand.New(rand.NewPCG(24, 2))
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	var sink bytes.Buffer
	s, err := New(int64(len(data)), 100, &sink)
	if err != nil {
		t.Fatalf("New: %v %s", err, where)
	}
	var prevStart, prevEnd int64
	for off := int64(0); off < int64(len(data)); {
		end := min(off+100+int64(r.IntN(400)), int64(len(data)))
		switch r.IntN(4) {
		case 0: // resend the previous chunk (its response was lost)
			if prevEnd > 0 {
				if got, err := s.Write(prevStart, data[prevStart:prevEnd]); got != off || err != nil {
					t.Fatalf("resend of [%d,%d) = %d, %v; want %d, nil %s", prevStart, prevEnd, got, err, off, where)
				}
			}
		case 1: // a stale offset from before the previous chunk
			if prevStart > 0 {
				if _, err := s.Write(prevStart-1, data[prevStart-1:prevEnd]); !errors.Is(err, ErrOverlap) {
					t.Fatalf("chunk at stale offset %d: err %v, want ErrOverlap %s", prevStart-1, err, where)
				}
			}
		}
		got, err := s.Write(off, data[off:end])
		if got != end || err != nil {
			t.Fatalf("Write(%d, [%d bytes]) = %d, %v; want %d, nil %s", off, end-off, got, err, end, where)
		}
		prevStart, prevEnd, off = off, end, end
	}
	if !bytes.Equal(sink.Bytes(), data) {
		t.Errorf("sink differs from the data (%d vs %d bytes) %s", sink.Len(), len(data), where)
	}
	h := sha256.Sum256(data)
	if err := s.Finish(hex.EncodeToString(h[:])); err != nil {
		t.Errorf("Finish = %v, want nil %s", err, where)
	}
}
