package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// attemptHeader counts deliveries of a job: 1 on the first publish, +1 each
// time a worker sends it through a retry queue.
const attemptHeader = "x-attempt"

// job is what the queue carries (JSON, the message body).
type job struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Payload  json.RawMessage `json:"payload,omitempty"`
	Priority uint8           `json:"priority,omitempty"`
}

// errNotConfirmed means the broker refused a message (basic.nack): it is not
// stored, and the caller must not tell its client it was accepted.
var errNotConfirmed = errors.New("broker did not confirm the message")

// publisher sends persistent messages on a channel in confirm mode and waits
// for each confirm, redialling when the connection is gone. One channel is
// shared under a mutex: channels are not safe for concurrent publishing.
type publisher struct {
	url    string
	topo   topology
	logger *slog.Logger

	mu   sync.Mutex
	conn *amqp.Connection
	ch   *amqp.Channel
}

func newPublisher(ctx context.Context, url string, topo topology, logger *slog.Logger) (*publisher, error) {
	p := &publisher{url: url, topo: topo, logger: logger}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.connect(); err != nil {
		return nil, err
	}
	return p, nil
}

// connect opens a connection and a confirm-mode channel and declares the topology.
func (p *publisher) connect() error {
	conn, err := dial(p.url, "15-task-queues-publisher")
	if err != nil {
		return err
	}
	ch, err := conn.Channel()
	if err == nil {
		err = ch.Confirm(false)
	}
	if err == nil {
		err = p.topo.Declare(ch)
	}
	if err != nil {
		conn.Close()
		return err
	}
	p.conn, p.ch = conn, ch
	return nil
}

// dial connects with a connection name, which the management UI and API
// show (and which a test uses to find and close this connection).
func dial(url, name string) (*amqp.Connection, error) {
	cfg := amqp.Config{Properties: amqp.NewConnectionProperties(), Heartbeat: 10 * time.Second}
	cfg.Properties.SetClientConnectionName(name)
	return amqp.DialConfig(url, cfg)
}

// Publish sends j to exchange with routing key and waits for the broker's
// confirm. delay > 0 parks it in the delay queue first.
func (p *publisher) Publish(ctx context.Context, j job, key string, attempt int, delay time.Duration) error {
	body, err := json.Marshal(j)
	if err != nil {
		return err
	}
	msg := amqp.Publishing{
		ContentType:  "application/json",
		DeliveryMode: amqp.Persistent, // written to disk on a durable queue
		MessageId:    j.ID,
		Priority:     j.Priority,
		Timestamp:    time.Now(),
		Headers:      amqp.Table{attemptHeader: int32(attempt)},
		Body:         body,
	}
	exchange := p.topo.Exchange
	if delay > 0 {
		// Per-message TTL: the message dead-letters to the work queue when it
		// expires. RabbitMQ only expires the message at the head of the queue,
		// so a long delay ahead holds back a shorter one behind it.
		exchange, key = "", p.topo.Delayed
		msg.Expiration = strconv.FormatInt(delay.Milliseconds(), 10)
	}
	return p.send(ctx, exchange, key, msg)
}

// send publishes one message and waits for its confirm; a closed connection
// is redialled once.
func (p *publisher) send(ctx context.Context, exchange, key string, msg amqp.Publishing) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for try := 0; ; try++ {
		if p.ch == nil || p.ch.IsClosed() {
			if p.conn != nil {
				p.conn.Close()
			}
			if err := p.connect(); err != nil {
				return fmt.Errorf("reconnect: %w", err)
			}
		}
		dc, err := p.ch.PublishWithDeferredConfirmWithContext(ctx, exchange, key, true, false, msg)
		if err != nil {
			if try == 0 && p.ch.IsClosed() {
				continue
			}
			return err
		}
		ok, err := dc.WaitContext(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return errNotConfirmed
		}
		return nil
	}
}

func (p *publisher) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn != nil {
		p.conn.Close()
	}
}
