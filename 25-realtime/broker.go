package main

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Envelope is what instances send each other through the broker: a chat
// message, a join or leave, or one instance's presence in a room.
type Envelope struct {
	Kind      string    `json:"kind"` // message, join, leave or presence
	Room      string    `json:"room"`
	From      string    `json:"from,omitempty"`
	Text      string    `json:"text,omitempty"`
	Users     []string  `json:"users,omitempty"` // presence: who is in Room on Origin
	Origin    string    `json:"origin"`          // the instance that published it
	OriginSeq uint64    `json:"origin_seq"`      // counts the origin's publications: gaps show loss
	SentAt    time.Time `json:"sent_at"`
}

// Broker carries envelopes between the instances of the chat. Publish
// delivers to every instance subscribed, the publishing one included, so
// each instance numbers and delivers its own messages on the same path as
// everybody else's. Envelopes from one publisher arrive in the order it
// published them; envelopes from different publishers interleave in no
// order anyone promises.
type Broker interface {
	Publish(ctx context.Context, env Envelope) error
	// Deliveries is closed when the broker is closed or its connection is lost.
	Deliveries() <-chan Envelope
	Close() error
}

// errBrokerClosed is what Publish returns after Close.
var errBrokerClosed = errors.New("broker: closed")

// MemoryBus is the in-process broker: every Broker from Connect receives
// every envelope published on any of them. One process is one instance, so
// the server uses a single connection; tests connect two hubs to one bus to
// run two instances without RabbitMQ.
type MemoryBus struct {
	mu   sync.Mutex
	subs map[*memoryBroker]bool
}

// NewMemoryBus returns an empty bus.
func NewMemoryBus() *MemoryBus { return &MemoryBus{subs: map[*memoryBroker]bool{}} }

// Connect returns a new subscriber of the bus.
func (b *MemoryBus) Connect() Broker {
	m := &memoryBroker{bus: b, out: make(chan Envelope, 1024)}
	b.mu.Lock()
	b.subs[m] = true
	b.mu.Unlock()
	return m
}

type memoryBroker struct {
	bus *MemoryBus
	out chan Envelope
}

// Publish hands env to every subscriber, waiting while one's buffer is full:
// like a broker's flow control, a slow consumer slows publishers instead of
// losing messages. The hub's consumer never blocks for long.
func (m *memoryBroker) Publish(ctx context.Context, env Envelope) error {
	m.bus.mu.Lock()
	defer m.bus.mu.Unlock()
	if !m.bus.subs[m] {
		return errBrokerClosed
	}
	for s := range m.bus.subs {
		select {
		case s.out <- env:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (m *memoryBroker) Deliveries() <-chan Envelope { return m.out }

func (m *memoryBroker) Close() error {
	m.bus.mu.Lock()
	defer m.bus.mu.Unlock()
	if m.bus.subs[m] {
		delete(m.bus.subs, m)
		close(m.out)
	}
	return nil
}
