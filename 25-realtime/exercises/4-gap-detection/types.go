// Package gapdetect is exercise 4 of chapter 25: a client's view of a
// room's sequence numbers — deliver in order, detect gaps, ask for them
// again, and give up on a gap rather than buffer forever.
package gapdetect

// Message is one numbered event of a room.
type Message struct {
	Seq  uint64
	Text string
}

// Range is the sequence numbers From to To, both included.
type Range struct {
	From, To uint64
}

// Orderer delivers a room's messages in sequence order, holding at most
// maxPending messages that arrived ahead of a gap. It is not safe for
// concurrent use.
//
//lint:ignore U1000 the stub leaves its fields to the learner; the reference uses them
type Orderer struct {
	next       uint64             // the sequence number to deliver next
	maxPending int                // messages held ahead of a gap, at most
	pending    map[uint64]Message // arrived, not yet deliverable
}

// NewOrderer returns an Orderer that expects next first (1 for a new
// client, the last seen plus one for a resumed one) and holds at most
// maxPending messages ahead of a gap.
func NewOrderer(next uint64, maxPending int) *Orderer {
	return &Orderer{next: next, maxPending: maxPending, pending: map[uint64]Message{}}
}
