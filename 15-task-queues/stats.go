package main

import (
	"sync"
	"time"
)

// histogramBounds are the upper bounds of the processing-time buckets.
var histogramBounds = []time.Duration{time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond, time.Second, 10 * time.Second}

// stats counts what the workers did, for GET /stats.
type stats struct {
	mu        sync.Mutex
	counters  map[string]int
	buckets   []int // len(histogramBounds)+1: the last is "slower"
	total     time.Duration
	connected bool
}

func newStats() *stats {
	return &stats{counters: map[string]int{}, buckets: make([]int, len(histogramBounds)+1)}
}

func (s *stats) observe(d time.Duration, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok {
		s.counters["succeeded"]++
	} else {
		s.counters["failed"]++
	}
	s.total += d
	i := 0
	for i < len(histogramBounds) && d > histogramBounds[i] {
		i++
	}
	s.buckets[i]++
}

func (s *stats) count(name string) {
	s.mu.Lock()
	s.counters[name]++
	s.mu.Unlock()
}

func (s *stats) connectedNow(up bool) {
	s.mu.Lock()
	s.connected = up
	s.mu.Unlock()
}

// snapshot is the JSON of /stats.
type snapshot struct {
	Queues    map[string]queueDepth `json:"queues"`
	Counters  map[string]int        `json:"counters"`
	Histogram map[string]int        `json:"processing_time_histogram"`
	MeanMS    float64               `json:"mean_processing_ms"`
	Connected bool                  `json:"worker_connected"`
}

type queueDepth struct {
	Messages  int `json:"messages"`  // ready, not yet delivered
	Consumers int `json:"consumers"` // subscribed consumers
}

func (s *stats) snapshot() snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := snapshot{Counters: map[string]int{}, Histogram: map[string]int{}, Connected: s.connected}
	n := 0
	for k, v := range s.counters {
		out.Counters[k] = v
	}
	for i, c := range s.buckets {
		label := "+Inf"
		if i < len(histogramBounds) {
			label = "le_" + histogramBounds[i].String()
		}
		out.Histogram[label] = c
		n += c
	}
	if n > 0 {
		out.MeanMS = float64(s.total.Microseconds()) / 1000 / float64(n)
	}
	return out
}

// inspector reads queue depths with a passive declare: it fails (closing the
// channel) when the queue is missing, so each call gets its own connection.
type inspector struct {
	URL  string
	Topo topology
}

func (in *inspector) depths() (map[string]queueDepth, error) {
	conn, err := dial(in.URL, "15-task-queues-stats")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	out := map[string]queueDepth{}
	for _, q := range in.Topo.Queues() {
		ch, err := conn.Channel()
		if err != nil {
			return nil, err
		}
		st, err := ch.QueueDeclarePassive(q, true, false, false, false, nil)
		if err == nil {
			out[q] = queueDepth{Messages: st.Messages, Consumers: st.Consumers}
			ch.Close()
		}
	}
	return out, nil
}
