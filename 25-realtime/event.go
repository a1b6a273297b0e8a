package main

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Event is one entry of a room's timeline, as every transport sends it.
// Seq counts from 1 per room on this instance; Instance names the process
// that numbered it. Together they are the event's ID ("k3f9a1-57"), the
// value a client hands back to resume (SSE's Last-Event-ID).
type Event struct {
	ID       string    `json:"id"`
	Seq      uint64    `json:"seq"`
	Instance string    `json:"instance"`
	Type     string    `json:"type"` // message, join or leave
	Room     string    `json:"room"`
	From     string    `json:"from"`
	Text     string    `json:"text,omitempty"`
	At       time.Time `json:"at"`
}

// eventID formats the ID of the seq-th event numbered by instance.
func eventID(instance string, seq uint64) string {
	return instance + "-" + strconv.FormatUint(seq, 10)
}

// errBadEventID is returned for an ID that is not "instance-seq".
var errBadEventID = errors.New(`an event ID is "instance-seq", e.g. "k3f9a1-57"`)

// parseEventID splits an event ID into the instance that numbered it and
// its sequence number.
func parseEventID(id string) (instance string, seq uint64, err error) {
	i := strings.LastIndexByte(id, '-')
	if i <= 0 {
		return "", 0, errBadEventID
	}
	seq, err = strconv.ParseUint(id[i+1:], 10, 64)
	if err != nil {
		return "", 0, errBadEventID
	}
	return id[:i], seq, nil
}

// history is a room's replay buffer: the last cap(events) events, oldest
// first, in a ring. It is what an offline client catches up from.
type history struct {
	events []Event // ring storage, len ≤ capacity
	start  int     // index of the oldest event once the ring is full
	last   uint64  // Seq of the newest event, 0 before the first
}

func newHistory(capacity int) *history {
	return &history{events: make([]Event, 0, capacity)}
}

// add appends ev, dropping the oldest event when the ring is full.
func (h *history) add(ev Event) {
	h.last = ev.Seq
	if len(h.events) < cap(h.events) {
		h.events = append(h.events, ev)
		return
	}
	h.events[h.start] = ev
	h.start = (h.start + 1) % len(h.events)
}

// oldest is the Seq of the oldest kept event (last+1 when empty).
func (h *history) oldest() uint64 {
	if len(h.events) == 0 {
		return h.last + 1
	}
	return h.events[h.start].Seq
}

// after returns the kept events with Seq > seq, oldest first. complete is
// false when some of them are no longer kept (seq is older than the ring)
// or seq is from the future (a number this room never reached): either
// way the client must resync.
func (h *history) after(seq uint64) (events []Event, complete bool) {
	if seq > h.last {
		return h.all(), false
	}
	complete = seq+1 >= h.oldest()
	for _, ev := range h.all() {
		if ev.Seq > seq {
			events = append(events, ev)
		}
	}
	return events, complete
}

// all returns every kept event, oldest first.
func (h *history) all() []Event {
	out := make([]Event, 0, len(h.events))
	out = append(out, h.events[h.start:]...)
	return append(out, h.events[:h.start]...)
}
