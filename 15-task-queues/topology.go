package main

import (
	"fmt"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// maxPriority is the queue's x-max-priority: RabbitMQ keeps one internal
// sub-queue per level, so a small number (the docs suggest up to 10) is best.
const maxPriority = 9

// topology names every exchange and queue of the job system.
//
//	producer → Exchange (topic) ─ "jobs.#" ─────────→ Queue (priority) → workers
//	                           └ Queue (own name) ←── Retry[i] (TTL) ←── worker on failure
//	                                                   Delayed (per-message TTL) ← POST /jobs delay_ms
//	worker after the last attempt ──────────────────→ DLQ
type topology struct {
	Exchange    string          // topic exchange producers publish to
	Queue       string          // the work queue, bound with "jobs.#"
	Retry       []string        // Retry[i] holds a job for Delays[i] before attempt i+2
	Delays      []time.Duration // TTL of each retry queue
	Delayed     string          // one-off delayed jobs: per-message expiration
	DLQ         string          // jobs that used every attempt
	BindingKeys []string        // topic patterns bound to Queue
}

func newTopology(prefix string, delays []time.Duration) topology {
	t := topology{
		Exchange:    prefix + ".work",
		Queue:       prefix + ".jobs",
		Delayed:     prefix + ".delayed",
		DLQ:         prefix + ".dlq",
		Delays:      delays,
		BindingKeys: []string{"jobs.#"},
	}
	for i := range delays {
		t.Retry = append(t.Retry, fmt.Sprintf("%s.retry.%d", prefix, i+1))
	}
	return t
}

// MaxAttempts is the first attempt plus one per retry queue.
func (t topology) MaxAttempts() int { return len(t.Retry) + 1 }

// Queues lists every queue, for /stats.
func (t topology) Queues() []string {
	return append([]string{t.Queue, t.Delayed, t.DLQ}, t.Retry...)
}

// Declare creates (or confirms) everything, durable, so that a broker restart
// keeps the queues and the persistent messages in them. Declaring is
// idempotent when the arguments match, so every process declares on connect.
func (t topology) Declare(ch *amqp.Channel) error {
	if err := ch.ExchangeDeclare(t.Exchange, amqp.ExchangeTopic, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %s: %w", t.Exchange, err)
	}
	if _, err := ch.QueueDeclare(t.Queue, true, false, false, false,
		amqp.Table{"x-max-priority": maxPriority}); err != nil {
		return fmt.Errorf("declare queue %s: %w", t.Queue, err)
	}
	// The queue's own name is a binding key too: expired retries and delayed
	// jobs are dead-lettered back through the work exchange with it.
	for _, key := range append(t.BindingKeys, t.Queue) {
		if err := ch.QueueBind(t.Queue, key, t.Exchange, false, nil); err != nil {
			return fmt.Errorf("bind %s to %s: %w", key, t.Queue, err)
		}
	}
	back := amqp.Table{"x-dead-letter-exchange": t.Exchange, "x-dead-letter-routing-key": t.Queue}
	for i, q := range t.Retry {
		args := amqp.Table{"x-message-ttl": t.Delays[i].Milliseconds()}
		for k, v := range back {
			args[k] = v
		}
		if _, err := ch.QueueDeclare(q, true, false, false, false, args); err != nil {
			return fmt.Errorf("declare retry queue %s: %w", q, err)
		}
	}
	if _, err := ch.QueueDeclare(t.Delayed, true, false, false, false, back); err != nil {
		return fmt.Errorf("declare delay queue %s: %w", t.Delayed, err)
	}
	if _, err := ch.QueueDeclare(t.DLQ, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare dead-letter queue %s: %w", t.DLQ, err)
	}
	return nil
}
