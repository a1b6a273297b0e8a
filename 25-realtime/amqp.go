package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	amqp "github.com/rabbitmq/amqp091-go"
)

// amqpBroker fans envelopes out through a RabbitMQ topic exchange. Each
// instance declares its own server-named queue, exclusive (only this
// connection may use it) and auto-deleted (it goes when the connection
// does), and binds it to the exchange; every publication is copied to every
// bound queue.
//
//	instance A ─publish "room.lobby"─→ exchange (topic) ─"room.*"─→ queue of A → A's clients
//	                                                      └"room.*"─→ queue of B → B's clients
type amqpBroker struct {
	conn     *amqp.Connection
	pub      *amqp.Channel // one channel for every publication: it keeps them in order
	exchange string
	out      chan Envelope
}

// bindingKeys are what an instance's queue receives: every room's events
// and the presence announcements.
var bindingKeys = []string{"room.*", "presence"}

// routingKey is the topic an envelope is published under. Room names have
// no dots, so "room.*" matches every room and a consumer could bind only
// "room.lobby" to receive one.
func routingKey(env Envelope) string {
	if env.Kind == "presence" {
		return "presence"
	}
	return "room." + env.Room
}

// dialAMQP connects to url, declares the exchange and this instance's queue,
// and starts consuming. name labels the connection in the management UI.
func dialAMQP(url, exchange, name string, logger *slog.Logger) (*amqpBroker, error) {
	conn, err := amqp.DialConfig(url, amqp.Config{Properties: amqp.Table{"connection_name": name}})
	if err != nil {
		return nil, fmt.Errorf("amqp: dial: %w", err)
	}
	b, err := setupAMQP(conn, exchange, logger)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return b, nil
}

func setupAMQP(conn *amqp.Connection, exchange string, logger *slog.Logger) (*amqpBroker, error) {
	pub, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("amqp: channel: %w", err)
	}
	if err := pub.ExchangeDeclare(exchange, amqp.ExchangeTopic, true, false, false, false, nil); err != nil {
		return nil, fmt.Errorf("amqp: declare exchange %s: %w", exchange, err)
	}
	sub, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("amqp: channel: %w", err)
	}
	// Name "" asks the broker for a unique name (amq.gen-…).
	q, err := sub.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		return nil, fmt.Errorf("amqp: declare queue: %w", err)
	}
	for _, key := range bindingKeys {
		if err := sub.QueueBind(q.Name, key, exchange, false, nil); err != nil {
			return nil, fmt.Errorf("amqp: bind %s: %w", key, err)
		}
	}
	// Auto-ack: a chat message that an instance loses (it crashed with the
	// message in its buffer) is caught up from another source, the clients'
	// resync; a redelivery after a restart would be numbered twice.
	deliveries, err := sub.Consume(q.Name, "", true, true, false, false, nil)
	if err != nil {
		return nil, fmt.Errorf("amqp: consume: %w", err)
	}
	b := &amqpBroker{conn: conn, pub: pub, exchange: exchange, out: make(chan Envelope, 256)}
	go func() {
		defer close(b.out)
		for d := range deliveries {
			var env Envelope
			if err := json.Unmarshal(d.Body, &env); err != nil {
				logger.Warn("amqp: dropping a malformed envelope", "err", err)
				continue
			}
			b.out <- env
		}
	}()
	return b, nil
}

func (b *amqpBroker) Publish(ctx context.Context, env Envelope) error {
	body, err := json.Marshal(env)
	if err != nil {
		return err
	}
	return b.pub.PublishWithContext(ctx, b.exchange, routingKey(env), false, false, amqp.Publishing{
		ContentType: "application/json",
		Body:        body,
		Timestamp:   env.SentAt,
	})
}

func (b *amqpBroker) Deliveries() <-chan Envelope { return b.out }

// Close closes the connection; the broker deletes the exclusive queue.
func (b *amqpBroker) Close() error { return b.conn.Close() }
