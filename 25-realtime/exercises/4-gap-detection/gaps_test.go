package gapdetect

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func m(seq uint64) Message { return Message{Seq: seq, Text: fmt.Sprint("m", seq)} }

func seqs(t *testing.T, ms []Message) []uint64 {
	t.Helper()
	out := []uint64{}
	for _, x := range ms {
		if strings.HasPrefix(x.Text, "not implemented") {
			t.Fatal(x.Text)
		}
		if x.Text != fmt.Sprint("m", x.Seq) {
			return []uint64{0} // a message delivered with another's text
		}
		out = append(out, x.Seq)
	}
	return out
}

// step is one Receive and what it must return, then Missing and Next.
type step struct {
	recv    uint64
	deliver []uint64
	lost    []Range
	missing []Range
	next    uint64
}

func run(t *testing.T, o *Orderer, steps []step) {
	t.Helper()
	for i, s := range steps {
		deliver, lost := o.Receive(m(s.recv))
		if got := seqs(t, deliver); !slices.Equal(got, append([]uint64{}, s.deliver...)) {
			t.Errorf("step %d: Receive(%d) delivered %v, want %v", i, s.recv, got, s.deliver)
		}
		if !slices.Equal(lost, s.lost) {
			t.Errorf("step %d: Receive(%d) lost %v, want %v", i, s.recv, lost, s.lost)
		}
		if got := o.Missing(); !slices.Equal(got, s.missing) {
			t.Errorf("step %d: after Receive(%d), Missing() = %v, want %v", i, s.recv, got, s.missing)
		}
		if o.Next() != s.next {
			t.Errorf("step %d: after Receive(%d), Next() = %d, want %d", i, s.recv, o.Next(), s.next)
		}
	}
}

func TestInOrder(t *testing.T) {
	run(t, NewOrderer(1, 8), []step{
		{recv: 1, deliver: []uint64{1}, next: 2},
		{recv: 2, deliver: []uint64{2}, next: 3},
		{recv: 3, deliver: []uint64{3}, next: 4},
	})
}

func TestGapThenFill(t *testing.T) {
	run(t, NewOrderer(1, 8), []step{
		{recv: 1, deliver: []uint64{1}, next: 2},
		{recv: 3, missing: []Range{{2, 2}}, next: 2},
		{recv: 5, missing: []Range{{2, 2}, {4, 4}}, next: 2},
		{recv: 2, deliver: []uint64{2, 3}, missing: []Range{{4, 4}}, next: 4},
		{recv: 4, deliver: []uint64{4, 5}, next: 6},
	})
}

func TestWideGaps(t *testing.T) {
	run(t, NewOrderer(1, 8), []step{
		{recv: 5, missing: []Range{{1, 4}}, next: 1},
		{recv: 9, missing: []Range{{1, 4}, {6, 8}}, next: 1},
		{recv: 6, missing: []Range{{1, 4}, {7, 8}}, next: 1},
		{recv: 8, missing: []Range{{1, 4}, {7, 7}}, next: 1},
		{recv: 2, missing: []Range{{1, 1}, {3, 4}, {7, 7}}, next: 1},
		{recv: 1, deliver: []uint64{1, 2}, missing: []Range{{3, 4}, {7, 7}}, next: 3},
	})
}

func TestDuplicatesAreIgnored(t *testing.T) {
	run(t, NewOrderer(1, 8), []step{
		{recv: 1, deliver: []uint64{1}, next: 2},
		{recv: 1, next: 2},
		{recv: 3, missing: []Range{{2, 2}}, next: 2},
		{recv: 3, missing: []Range{{2, 2}}, next: 2},
		{recv: 2, deliver: []uint64{2, 3}, next: 4},
		{recv: 2, next: 4},
		{recv: 3, next: 4},
	})
}

func TestResumeStartsAtNext(t *testing.T) {
	run(t, NewOrderer(10, 8), []step{
		{recv: 9, next: 10},
		{recv: 1, next: 10},
		{recv: 11, missing: []Range{{10, 10}}, next: 10},
		{recv: 10, deliver: []uint64{10, 11}, next: 12},
	})
}

func TestGivesUpTheFirstGapWhenFull(t *testing.T) {
	run(t, NewOrderer(1, 2), []step{
		{recv: 3, missing: []Range{{1, 2}}, next: 1},
		{recv: 4, missing: []Range{{1, 2}}, next: 1},
		// A third held message is one too many: 1–2 are given up.
		{recv: 6, deliver: []uint64{3, 4}, lost: []Range{{1, 2}}, missing: []Range{{5, 5}}, next: 5},
		{recv: 8, missing: []Range{{5, 5}, {7, 7}}, next: 5},
		{recv: 9, deliver: []uint64{6}, lost: []Range{{5, 5}}, missing: []Range{{7, 7}}, next: 7},
		{recv: 7, deliver: []uint64{7, 8, 9}, next: 10},
	})
}

func TestNoBufferDeliversAtOnce(t *testing.T) {
	run(t, NewOrderer(1, 0), []step{
		{recv: 1, deliver: []uint64{1}, next: 2},
		{recv: 4, deliver: []uint64{4}, lost: []Range{{2, 3}}, next: 5},
		{recv: 2, next: 5},
	})
}

func TestAFullBufferStillTakesTheNextMessage(t *testing.T) {
	run(t, NewOrderer(1, 1), []step{
		{recv: 3, missing: []Range{{1, 2}}, next: 1},
		{recv: 1, deliver: []uint64{1}, missing: []Range{{2, 2}}, next: 2},
		{recv: 2, deliver: []uint64{2, 3}, next: 4},
	})
}

// TestShuffled: any arrival order of 1..200, with a buffer as large as the
// stream, delivers each message once, in order, and loses nothing.
func TestShuffled(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	order := r.Perm(200)
	o := NewOrderer(1, 200)
	var got []uint64
	for _, i := range order {
		deliver, lost := o.Receive(m(uint64(i + 1)))
		if len(lost) != 0 {
			t.Fatalf("lost %v with room to hold everything", lost)
		}
		got = append(got, seqs(t, deliver)...)
		o.Receive(m(uint64(i + 1))) // and every message twice
	}
	want := make([]uint64, 200)
	for i := range want {
		want[i] = uint64(i + 1)
	}
	if !slices.Equal(got, want) {
		t.Errorf("shuffled arrival delivered %v…, want 1..200 in order", got[:min(len(got), 10)])
	}
	if len(o.Missing()) != 0 {
		t.Errorf("Missing() after everything = %v, want none", o.Missing())
	}
}
