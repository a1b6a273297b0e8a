package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics holds the RED instruments both services share. Every label has a
// bounded set of values: service (2), method (9 + "other"), route (the mux's
// patterns + "unmatched") and code (the statuses the handlers write). A raw
// path or a client-chosen method as a label would make one time series per
// distinct value — a scraper-killing "cardinality explosion".
type metrics struct {
	registry *prometheus.Registry
	duration *prometheus.HistogramVec
	inFlight *prometheus.GaugeVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_server_request_duration_seconds",
			Help:    "Time to serve a request, by service, method, route template and status code.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"service", "method", "route", "code"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "http_server_requests_in_flight",
			Help: "Requests being served now.",
		}, []string{"service"}),
	}
	m.registry.MustRegister(m.duration, m.inFlight,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// observe records one finished request.
func (m *metrics) observe(service, method, route string, code int, d time.Duration) {
	m.duration.WithLabelValues(service, methodLabel(method), route, strconv.Itoa(code)).Observe(d.Seconds())
}

// methodLabel maps any method a client sends onto a fixed set: RFC 9110's
// methods and PATCH keep their name, everything else is "other".
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}
