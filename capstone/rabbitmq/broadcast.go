package rabbitmq

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	amqp "github.com/rabbitmq/amqp091-go"

	"workbook/capstone/service"
)

// Broadcast is a service.Broadcaster on a fanout exchange. Where the job
// queue hands each job to one worker, a fanout exchange copies each
// message to every queue bound to it, and every instance binds a queue of
// its own: server-named, exclusive and auto-deleted, so it lives exactly as
// long as the instance's connection. A notification is a live event, not a
// record: messages are transient, and an instance that is down misses them.
type Broadcast struct {
	URL      string
	Exchange string // e.g. "conduit.notifications"
	Logger   *slog.Logger
	// MaxBacklog bounds the messages waiting in this instance's queue (a
	// stalled instance must not fill the broker); the oldest are dropped
	// first. 0: 10 000.
	MaxBacklog int

	pubOnce sync.Once
	pub     *publisher
}

var _ service.Broadcaster = (*Broadcast)(nil)

func (b *Broadcast) declare(ch *amqp.Channel) error {
	return ch.ExchangeDeclare(b.Exchange, amqp.ExchangeFanout, true, false, false, false, nil)
}

func (b *Broadcast) publisher() *publisher {
	b.pubOnce.Do(func() { b.pub = &publisher{url: b.URL, declare: b.declare} })
	return b.pub
}

// Publish sends n to every instance and waits for the broker's confirm.
func (b *Broadcast) Publish(ctx context.Context, n service.Notification) error {
	body, err := json.Marshal(n)
	if err != nil {
		return err
	}
	return b.publisher().publish(ctx, b.Exchange, "", amqp.Publishing{
		ContentType: "application/json", DeliveryMode: amqp.Transient, Body: body, MessageId: n.ID,
	})
}

// Subscribe delivers every notification until ctx is done, binding a fresh
// queue after each reconnect (what passed in between is missed).
func (b *Broadcast) Subscribe(ctx context.Context, handle func(service.Notification)) error {
	return reconnect(ctx, b.Logger, "notification subscriber", func(ctx context.Context) error {
		return b.subscribe(ctx, handle)
	})
}

func (b *Broadcast) subscribe(ctx context.Context, handle func(service.Notification)) error {
	conn, err := amqp.Dial(b.URL)
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	if err := b.declare(ch); err != nil {
		return err
	}
	backlog := b.MaxBacklog
	if backlog == 0 {
		backlog = 10_000
	}
	q, err := ch.QueueDeclare("", false, true, true, false, amqp.Table{"x-max-length": backlog, "x-overflow": "drop-head"})
	if err != nil {
		return err
	}
	if err := ch.QueueBind(q.Name, "", b.Exchange, false, nil); err != nil {
		return err
	}
	deliveries, err := ch.ConsumeWithContext(ctx, q.Name, "", true, true, false, false, nil)
	if err != nil {
		return err
	}
	return deliver(ctx, conn, deliveries, func(d amqp.Delivery) {
		var n service.Notification
		if err := json.Unmarshal(d.Body, &n); err != nil {
			if b.Logger != nil {
				b.Logger.Warn("rabbitmq: dropped a malformed notification", "err", err)
			}
			return
		}
		handle(n)
	})
}

// Close closes the publishing connection.
func (b *Broadcast) Close() error { return b.publisher().close() }
