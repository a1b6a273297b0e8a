package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// handlerFunc does one job; an error sends it to the next retry queue.
type handlerFunc func(ctx context.Context, j job, attempt int) error

// worker consumes the work queue with manual acks and a prefetch limit,
// reconnecting when the connection drops, and drains when ctx ends.
type worker struct {
	URL      string
	Name     string // connection name, shown by the management API
	Topo     topology
	Workers  int
	Prefetch int
	Handle   handlerFunc
	Stats    *stats
	Logger   *slog.Logger
}

// Run consumes until ctx is done. A lost connection is redialled with a
// capped backoff; the broker requeues whatever was unacked on it, so nothing
// in flight is lost (it is redelivered with Redelivered set).
func (w *worker) Run(ctx context.Context) error {
	backoff := 50 * time.Millisecond
	for {
		err := w.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		w.Logger.Warn("worker connection lost; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

// session is one connection's life: dial, Qos, consume, process.
func (w *worker) session(ctx context.Context) error {
	conn, err := dial(w.URL, w.Name)
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	if err := ch.Confirm(false); err != nil { // retries are publishes too
		return err
	}
	if err := w.Topo.Declare(ch); err != nil {
		return err
	}
	// Prefetch: at most this many unacked deliveries are pushed to us.
	if err := ch.Qos(w.Prefetch, 0, false); err != nil {
		return err
	}
	deliveries, err := ch.Consume(w.Topo.Queue, w.Name, false, false, false, false, nil)
	if err != nil {
		return err
	}
	w.Stats.connectedNow(true)
	defer w.Stats.connectedNow(false)

	// Drain: on shutdown cancel the consumer so no new deliveries come; the
	// library then closes deliveries and the handlers finish what they hold.
	stopped := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			_ = ch.Cancel(w.Name, false)
		case <-stopped:
		}
	}()
	var pubMu sync.Mutex // one publisher per channel at a time
	var wg sync.WaitGroup
	for range w.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range deliveries {
				w.process(ch, &pubMu, d)
			}
		}()
	}
	wg.Wait()
	close(stopped)
	if ctx.Err() != nil {
		return nil
	}
	return errors.New("delivery channel closed")
}

// process runs one delivery and settles it: ack on success; on failure
// publish to the next retry queue (or the DLQ), wait for the confirm, then
// ack. Acking only after the copy is confirmed keeps the job at least once.
func (w *worker) process(ch *amqp.Channel, pubMu *sync.Mutex, d amqp.Delivery) {
	attempt := attemptOf(d.Headers)
	var j job
	if err := json.Unmarshal(d.Body, &j); err != nil {
		w.Logger.Error("unreadable job: dead-lettering", "err", err)
		w.forward(ch, pubMu, d, w.Topo.DLQ, attempt)
		return
	}
	start := time.Now()
	err := w.Handle(context.Background(), j, attempt)
	w.Stats.observe(time.Since(start), err == nil)
	if err == nil {
		_ = d.Ack(false)
		return
	}
	next := w.Topo.DLQ
	if attempt < w.Topo.MaxAttempts() {
		next = w.Topo.Retry[attempt-1]
		w.Stats.count("retried")
	} else {
		w.Stats.count("dead_lettered")
	}
	w.Logger.Info("job failed", "id", j.ID, "attempt", attempt, "to", next, "err", err)
	w.forward(ch, pubMu, d, next, attempt+1)
}

func (w *worker) forward(ch *amqp.Channel, pubMu *sync.Mutex, d amqp.Delivery, queue string, attempt int) {
	headers := amqp.Table{}
	for k, v := range d.Headers {
		headers[k] = v
	}
	headers[attemptHeader] = int32(attempt)
	pubMu.Lock()
	dc, err := ch.PublishWithDeferredConfirm("", queue, false, false, amqp.Publishing{
		ContentType: d.ContentType, DeliveryMode: amqp.Persistent, MessageId: d.MessageId,
		Priority: d.Priority, Headers: headers, Body: d.Body,
	})
	pubMu.Unlock()
	if err != nil || !dc.Wait() {
		// Not stored elsewhere: put it back rather than lose it.
		_ = d.Nack(false, true)
		return
	}
	_ = d.Ack(false)
}

// attemptOf reads the attempt header; a message without one is attempt 1.
func attemptOf(h amqp.Table) int {
	switch v := h[attemptHeader].(type) {
	case int32:
		return max(int(v), 1)
	case int64:
		return max(int(v), 1)
	case int:
		return max(v, 1)
	}
	return 1
}
