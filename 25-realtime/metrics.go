package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the chat's instruments, served on /metrics. Labels have a
// fixed set of values (the three transports): never a room or a user name,
// which would make one time series per value.
type metrics struct {
	registry     *prometheus.Registry
	connected    *prometheus.GaugeVec   // open WebSocket connections and SSE streams, by transport
	present      prometheus.Gauge       // connections counted in some room's presence
	received     prometheus.Counter     // messages accepted from clients
	delivered    *prometheus.CounterVec // events written to clients, by transport
	evictions    prometheus.Counter     // WebSocket clients dropped for a full send buffer
	rateLimited  prometheus.Counter     // sends refused by the rate limit
	brokerErrors prometheus.Counter     // publications the broker refused
	rooms        prometheus.Gauge       // rooms this instance keeps
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		connected: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "realtime_connected_clients", Help: "Open WebSocket connections and SSE streams.",
		}, []string{"transport"}),
		present: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "realtime_room_connections", Help: "Connections counted in a room's presence on this instance.",
		}),
		received: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "realtime_messages_received_total", Help: "Chat messages accepted from clients.",
		}),
		delivered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "realtime_events_delivered_total", Help: "Events written to clients.",
		}, []string{"transport"}),
		evictions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "realtime_evictions_total", Help: "WebSocket clients dropped because their send buffer was full.",
		}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "realtime_rate_limited_total", Help: "Sends refused by the per-client rate limit.",
		}),
		brokerErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "realtime_broker_publish_errors_total", Help: "Publications the broker refused.",
		}),
		rooms: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "realtime_rooms", Help: "Rooms this instance keeps a history for.",
		}),
	}
	for _, t := range []string{"websocket", "sse", "poll"} {
		m.delivered.WithLabelValues(t)
	}
	m.connected.WithLabelValues("websocket")
	m.connected.WithLabelValues("sse")
	m.registry.MustRegister(m.connected, m.present, m.received, m.delivered, m.evictions,
		m.rateLimited, m.brokerErrors, m.rooms, collectors.NewGoCollector())
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
