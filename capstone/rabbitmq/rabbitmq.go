// Package rabbitmq is the job queue on RabbitMQ, through
// github.com/rabbitmq/amqp091-go: chosen when AMQP_URL is set. Jobs are
// persistent messages on a durable queue, published with confirms (Publish
// returns once the broker has taken responsibility) and consumed with
// manual acks and a prefetch, so a worker killed mid-job leaves its job
// unacked and the broker delivers it again. A failed job goes to one of the
// retry queues, whose per-queue TTL dead-letters it back onto the work
// queue after the delay; after the last attempt it goes to the dead-letter
// queue. It passes the same contract suite (jobtest) as the in-process
// queue.
//
//	Publish → Queue → worker ─ok→ ack
//	                   └─error→ Queue.retry.N (TTL = delay N) ─expired→ Queue
//	                   └─last attempt or permanent→ Queue.dead
package rabbitmq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"workbook/capstone/service"
)

// Queue is a job queue named Name on the broker at URL.
type Queue struct {
	URL      string
	Name     string
	Delays   []time.Duration // nil: service.DefaultRetryDelays
	Prefetch int             // unacked jobs per worker connection; 0: 8
	Logger   *slog.Logger
	// ConnectionName names the worker's connection in the broker's
	// management UI (and lets a test close it from the broker's side).
	ConnectionName string

	pubOnce sync.Once
	pub     *publisher
}

var _ service.JobQueue = (*Queue)(nil)

func (q *Queue) delays() []time.Duration {
	if q.Delays == nil {
		return service.DefaultRetryDelays
	}
	return q.Delays
}

// RetryQueue is the queue holding jobs for their attempt-th retry.
func (q *Queue) RetryQueue(attempt int) string { return fmt.Sprintf("%s.retry.%d", q.Name, attempt) }

// DeadQueue is the dead-letter queue.
func (q *Queue) DeadQueue() string { return q.Name + ".dead" }

// declare creates the queues (idempotent while the arguments match).
func (q *Queue) declare(ch *amqp.Channel) error {
	if _, err := ch.QueueDeclare(q.Name, true, false, false, false, nil); err != nil {
		return err
	}
	if _, err := ch.QueueDeclare(q.DeadQueue(), true, false, false, false, nil); err != nil {
		return err
	}
	for i, d := range q.delays() {
		args := amqp.Table{
			"x-message-ttl":             d.Milliseconds(),
			"x-dead-letter-exchange":    "",
			"x-dead-letter-routing-key": q.Name,
		}
		if _, err := ch.QueueDeclare(q.RetryQueue(i+1), true, false, false, false, args); err != nil {
			return err
		}
	}
	return nil
}

// Publish sends j, persistent, and waits for the broker's confirm.
func (q *Queue) Publish(ctx context.Context, j service.Job) error {
	j.Attempt = 1
	return q.publish(ctx, q.Name, j)
}

func (q *Queue) publish(ctx context.Context, queue string, j service.Job) error {
	body, err := json.Marshal(j)
	if err != nil {
		return err
	}
	return q.publisher().publish(ctx, "", queue, amqp.Publishing{
		ContentType: "application/json", DeliveryMode: amqp.Persistent, Body: body, MessageId: j.Kind + ":" + j.Key,
	})
}

func (q *Queue) publisher() *publisher {
	q.pubOnce.Do(func() { q.pub = &publisher{url: q.URL, declare: q.declare} })
	return q.pub
}

// Close closes the publishing connection.
func (q *Queue) Close() error { return q.publisher().close() }

// Run consumes until ctx is done, dialling again (after 1 s, up to 30 s)
// whenever the connection is lost.
func (q *Queue) Run(ctx context.Context, h service.JobHandler) error {
	return reconnect(ctx, q.Logger, "consumer", func(ctx context.Context) error { return q.consume(ctx, h) })
}

// consume runs one connection's worth of deliveries.
func (q *Queue) consume(ctx context.Context, h service.JobHandler) error {
	cfg := amqp.Config{Properties: amqp.NewConnectionProperties()}
	if q.ConnectionName != "" {
		cfg.Properties.SetClientConnectionName(q.ConnectionName)
	}
	conn, err := amqp.DialConfig(q.URL, cfg)
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	if err := q.declare(ch); err != nil {
		return err
	}
	prefetch := q.Prefetch
	if prefetch == 0 {
		prefetch = 8
	}
	if err := ch.Qos(prefetch, 0, false); err != nil {
		return err
	}
	deliveries, err := ch.ConsumeWithContext(ctx, q.Name, "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	return deliver(ctx, conn, deliveries, func(d amqp.Delivery) { q.handle(ctx, d, h) })
}

// handle runs one delivery and acks it once its outcome is safely
// published: the retry or dead-letter copy is confirmed before the ack, so
// a crash in between can only deliver the job twice, never lose it.
func (q *Queue) handle(ctx context.Context, d amqp.Delivery, h service.JobHandler) {
	var j service.Job
	if err := json.Unmarshal(d.Body, &j); err != nil || j.Attempt < 1 {
		_ = q.publishRaw(ctx, q.DeadQueue(), d.Body)
		_ = d.Ack(false)
		return
	}
	err := h(context.WithoutCancel(ctx), j)
	switch {
	case err == nil:
		_ = d.Ack(false)
		return
	case !errors.Is(err, service.ErrPermanent) && j.Attempt <= len(q.delays()):
		next := j
		next.Attempt++
		err = q.publish(ctx, q.RetryQueue(j.Attempt), next)
	default:
		err = q.publish(ctx, q.DeadQueue(), j)
	}
	if err != nil {
		_ = d.Nack(false, true) // could not hand it on: the broker delivers it again
		return
	}
	_ = d.Ack(false)
}

func (q *Queue) publishRaw(ctx context.Context, queue string, body []byte) error {
	return q.publisher().publish(ctx, "", queue, amqp.Publishing{DeliveryMode: amqp.Persistent, Body: body})
}
