// Package idempotentconsumer makes a job's effect happen once per message
// ID, however often the broker delivers the message.
package idempotentconsumer

import (
	"context"
	"errors"
)

// Decision is what the consumer tells the broker to do with a delivery.
// The zero value is no decision.
type Decision int

const (
	Ack        Decision = iota + 1 // done, now or earlier: remove it from the queue
	Requeue                        // failed this time: deliver it again (nack with requeue)
	DeadLetter                     // can never succeed: park it in the dead-letter queue
)

func (d Decision) String() string {
	switch d {
	case Ack:
		return "Ack"
	case Requeue:
		return "Requeue"
	case DeadLetter:
		return "DeadLetter"
	}
	return "no decision"
}

// Message is a delivery as the consumer sees it: the AMQP message-id
// property, the body, and the broker's redelivered flag.
type Message struct {
	MessageID   string
	Body        []byte
	Redelivered bool
}

// Job is the body of a message: a JSON object with a non-empty "kind";
// the other fields are the job's own.
type Job struct {
	Kind    string `json:"kind"`
	Account string `json:"account,omitempty"`
	Amount  int64  `json:"amount,omitempty"`
}

// ErrAlreadyDone is what Tx.Claim returns for an ID that a committed
// transaction already claimed.
var ErrAlreadyDone = errors.New("message already processed")

// ErrPermanent marks a handler error that no retry can fix (wrap it:
// fmt.Errorf("…: %w", ErrPermanent)).
var ErrPermanent = errors.New("permanent failure")

// Tx is one transaction of the store. What is written through it is kept
// only if the transaction commits.
type Tx interface {
	// Claim records id as processed, as part of this transaction. It
	// returns ErrAlreadyDone when a committed transaction claimed id. When
	// another transaction still open has claimed id, Claim waits until that
	// one ends, as an INSERT on a primary key does in PostgreSQL: then it
	// returns ErrAlreadyDone if that transaction committed, or claims id if
	// it rolled back.
	Claim(ctx context.Context, id string) error
	// Put writes the job's effect: value under key.
	Put(key, value string) error
}

// Store runs units of work as transactions.
type Store interface {
	// InTx begins a transaction and calls fn with it. When fn returns nil,
	// InTx commits and returns nil, or the commit's error (then nothing was
	// kept). When fn returns an error, InTx rolls back everything fn wrote,
	// the claim included, and returns fn's error.
	InTx(ctx context.Context, fn func(Tx) error) error
}

// Handler does a job, writing its effect through tx. An error wrapping
// ErrPermanent means the job can never succeed; any other error is worth
// a retry.
type Handler func(ctx context.Context, tx Tx, j Job) error

// Consumer processes deliveries so that each message ID's effect commits
// at most once, and at least once for a job that can succeed.
type Consumer struct {
	Store  Store
	Handle Handler
}
