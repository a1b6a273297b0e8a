package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// testCount reads a counter's or gauge's value.
func testCount(c prometheus.Collector) float64 {
	ch := make(chan prometheus.Metric, 1)
	c.Collect(ch)
	var m dto.Metric
	(<-ch).Write(&m)
	if m.Counter != nil {
		return m.Counter.GetValue()
	}
	return m.Gauge.GetValue()
}

func TestMetricsEndpoint(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	c := s.dial(t, "lobby", s.token(t, "alice"), "")
	send(t, c, "counted")
	readUntil(t, c, isMessage("counted"))
	res, err := http.Get(s.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	for _, want := range []string{
		`realtime_connected_clients{transport="websocket"} 1`,
		`realtime_messages_received_total 1`,
		`realtime_evictions_total 0`,
		`realtime_rate_limited_total 0`,
		`realtime_rooms 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if !strings.Contains(string(body), `realtime_events_delivered_total{transport="websocket"}`) {
		t.Error("/metrics lacks the delivered counter")
	}
}
