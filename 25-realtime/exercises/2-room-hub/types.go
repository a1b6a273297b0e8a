// Package roomhub is exercise 2 of chapter 25: a hub that fans messages out
// to a room's subscribers without ever blocking on a slow one.
package roomhub

import (
	"errors"
	"sync"
)

// Message is what a room broadcasts.
type Message struct {
	Room, From, Text string
}

// Policy is what the hub does when a subscriber's queue is full.
type Policy int

const (
	// Evict drops the subscriber: its channel is closed (after the messages
	// already queued) and it must rejoin and resync. For a chat, where a
	// lost message is a lie about the conversation.
	Evict Policy = iota
	// DropOldest drops the subscriber's oldest queued message to make room.
	// For lossy feeds (typing indicators, cursor positions) where only the
	// newest value matters.
	DropOldest
)

// Subscriber is one member of a room.
type Subscriber struct {
	ID     string
	Room   string
	Policy Policy
	// C delivers the room's messages, in broadcast order. It is closed when
	// the subscriber leaves or is evicted.
	C <-chan Message

	//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
	c chan Message // the sending end of C
	//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
	gone bool // c is closed; guarded by Hub.mu
}

// Report is what one Broadcast did.
type Report struct {
	Delivered int      // subscribers whose queue now holds the message
	Dropped   int      // DropOldest subscribers that lost their oldest message for it
	Evicted   []string // IDs of the Evict subscribers dropped for it, sorted
}

// ErrInvalid is what Join returns for an empty room or subscriber ID.
var ErrInvalid = errors.New("roomhub: room and id must not be empty")

// Hub holds the rooms. Every method is safe for concurrent use.
//
//lint:ignore U1000 the stub leaves its fields to the learner; the reference uses them
type Hub struct {
	queue int // capacity of every subscriber's channel
	mu    sync.Mutex
	rooms map[string]map[*Subscriber]struct{}
}

// NewHub returns a hub whose subscribers each queue up to queue messages.
func NewHub(queue int) *Hub {
	if queue < 1 {
		panic("roomhub: queue must be at least 1")
	}
	return &Hub{queue: queue, rooms: map[string]map[*Subscriber]struct{}{}}
}
