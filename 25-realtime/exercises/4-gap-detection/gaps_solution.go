//go:build solution

package gapdetect

import (
	"maps"
	"slices"
)

func (o *Orderer) Receive(m Message) (deliver []Message, lost []Range) {
	if m.Seq < o.next {
		return nil, nil // delivered already: a replay overlapping the live stream
	}
	if _, held := o.pending[m.Seq]; held {
		return nil, nil
	}
	o.pending[m.Seq] = m
	deliver = o.flush()
	for len(o.pending) > o.maxPending {
		// Holding more would be unbounded: give up on the first gap (the
		// client shows "some messages are missing") and go on after it.
		low := slices.Min(slices.Collect(maps.Keys(o.pending)))
		lost = append(lost, Range{From: o.next, To: low - 1})
		o.next = low
		deliver = append(deliver, o.flush()...)
	}
	return deliver, lost
}

// flush delivers the run of held messages that starts at next.
func (o *Orderer) flush() []Message {
	var out []Message
	for {
		m, ok := o.pending[o.next]
		if !ok {
			return out
		}
		delete(o.pending, o.next)
		out = append(out, m)
		o.next++
	}
}

func (o *Orderer) Missing() []Range {
	var gaps []Range
	from := o.next
	for _, seq := range slices.Sorted(maps.Keys(o.pending)) {
		if seq > from {
			gaps = append(gaps, Range{From: from, To: seq - 1})
		}
		from = seq + 1
	}
	return gaps
}

func (o *Orderer) Next() uint64 { return o.next }
