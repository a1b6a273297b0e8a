package main

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"workbook/capstone/inprocess"
	"workbook/capstone/rabbitmq"
	"workbook/capstone/realtime"
	"workbook/capstone/service"
)

// newRealtime picks the notification bus — a RabbitMQ fanout exchange when
// AMQP_URL is set, so every replica hears every notification, else in
// process — and subscribes this instance's Hub to it. stop ends the
// subscription and closes the bus; call it after the HTTP server and the
// job workers have stopped (they publish and deliver).
func newRealtime(cfg config, registry prometheus.Registerer, logger *slog.Logger) (service.Broadcaster, *realtime.Hub, func()) {
	var (
		bus     service.Broadcaster
		closeFn = func() {}
	)
	if cfg.AMQPURL != "" {
		rb := &rabbitmq.Broadcast{URL: cfg.AMQPURL, Exchange: cfg.AMQPPrefix + ".notifications", Logger: logger}
		bus, closeFn = rb, func() { rb.Close() }
		logger.Info("notifications", "kind", "rabbitmq", "exchange", rb.Exchange)
	} else {
		bus = &inprocess.Broadcast{}
		logger.Info("notifications", "kind", "in-process")
	}
	hub := realtime.NewHub(realtime.Options{}, registry)
	unsubscribe := goUntilStopped(func(ctx context.Context) {
		if err := bus.Subscribe(ctx, hub.Deliver); err != nil {
			logger.Error("notifications: subscription failed", "err", err)
		}
	})
	stop := func() {
		hub.Close()
		unsubscribe()
		closeFn()
		logger.Info("notifications: subscription ended")
	}
	return bus, hub, stop
}
