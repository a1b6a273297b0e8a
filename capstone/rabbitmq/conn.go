package rabbitmq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// publisher owns one connection and one confirming channel, dialled on
// first use and again when it breaks. Publishes are serialised on it, so
// confirms arrive in order; each waits for the broker's ack.
type publisher struct {
	url     string
	declare func(*amqp.Channel) error // the topology the messages need

	mu   sync.Mutex
	conn *amqp.Connection
	ch   *amqp.Channel
}

// publish sends msg and waits for the confirm, dialling once more if the
// connection turns out to be broken.
func (p *publisher) publish(ctx context.Context, exchange, key string, msg amqp.Publishing) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for try := 0; ; try++ {
		if p.ch == nil || p.ch.IsClosed() {
			if err := p.open(); err != nil {
				return err
			}
		}
		conf, err := p.ch.PublishWithDeferredConfirmWithContext(ctx, exchange, key, true, false, msg)
		if err == nil {
			ok, werr := conf.WaitContext(ctx)
			if werr != nil {
				return werr
			}
			if !ok {
				return errors.New("rabbitmq: the broker refused the message (nack)")
			}
			return nil
		}
		if try == 1 {
			return fmt.Errorf("rabbitmq: publish: %w", err)
		}
		p.ch = nil // the connection broke: dial again once
	}
}

// open dials and opens a confirming channel; the caller holds mu.
func (p *publisher) open() error {
	if p.conn != nil && !p.conn.IsClosed() {
		p.conn.Close()
	}
	conn, err := amqp.Dial(p.url)
	if err != nil {
		return fmt.Errorf("rabbitmq: dial: %w", err)
	}
	ch, err := conn.Channel()
	if err == nil {
		err = p.declare(ch)
	}
	if err == nil {
		err = ch.Confirm(false)
	}
	if err != nil {
		conn.Close()
		return fmt.Errorf("rabbitmq: open publisher: %w", err)
	}
	p.conn, p.ch = conn, ch
	return nil
}

func (p *publisher) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn != nil {
		return p.conn.Close()
	}
	return nil
}

// reconnect runs session until ctx is done, dialling again (after 1 s,
// doubling up to 30 s) whenever it returns because the connection was lost.
func reconnect(ctx context.Context, logger *slog.Logger, what string, session func(context.Context) error) error {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	wait := time.Second
	for ctx.Err() == nil {
		err := session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		logger.Warn("rabbitmq: "+what+" lost its connection; dialling again", "in", wait.String(), "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
	return nil
}

// deliver hands each delivery to handle until ctx is done (nil) or the
// connection or its delivery channel closes (an error: dial again).
func deliver(ctx context.Context, conn *amqp.Connection, deliveries <-chan amqp.Delivery, handle func(amqp.Delivery)) error {
	closed := conn.NotifyClose(make(chan *amqp.Error, 1))
	for {
		select {
		case <-ctx.Done():
			return nil
		case e := <-closed:
			return fmt.Errorf("connection closed: %v", e)
		case d, ok := <-deliveries:
			if !ok {
				return errors.New("delivery channel closed")
			}
			handle(d)
		}
	}
}
