//go:build solution

package poolsizing

import (
	"context"
	"math"
	"slices"
	"sync"
	"time"
)

// Measure turns the holding times of requests completed in elapsed into a
// Measurement (Headroom 0).
func Measure(samples []time.Duration, elapsed time.Duration) (Measurement, error) {
	if len(samples) == 0 || elapsed <= 0 {
		return Measurement{}, ErrBadMeasurement
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	if sorted[0] < 0 {
		return Measurement{}, ErrBadMeasurement
	}
	var sum time.Duration
	for _, s := range sorted {
		sum += s
	}
	n := len(sorted)
	rank := (99*n + 99) / 100 // ceil(0.99 × n) in integers
	return Measurement{
		Throughput: float64(n) * float64(time.Second) / float64(elapsed),
		Mean:       sum / time.Duration(n),
		P99:        sorted[rank-1],
	}, nil
}

// Size applies Little's law to m.
func Size(m Measurement) (Estimate, error) {
	if !(m.Throughput > 0 && m.Throughput <= maxThroughput) || m.Mean <= 0 || m.P99 < m.Mean ||
		!(m.Headroom >= 1 && m.Headroom <= maxHeadroom) {
		return Estimate{}, ErrBadMeasurement
	}
	// Multiply in nanoseconds, divide last: 100/s × 70ms must be exactly 7.
	p99 := m.Throughput * float64(m.P99) / float64(time.Second)
	size := math.Ceil(m.Throughput * float64(m.P99) * m.Headroom / float64(time.Second))
	return Estimate{
		Mean: m.Throughput * float64(m.Mean) / float64(time.Second),
		P99:  p99,
		Size: int(size), // ≥ 1: λ and p99 are positive, and Ceil of a positive number is
	}, nil
}

type waiter struct {
	ready   chan struct{} // closed when a slot is handed over
	granted bool
	since   time.Time
}

// Pool is a bounded set of slots handed out first come, first served.
type Pool struct {
	mu    sync.Mutex
	size  int
	inUse int
	queue []*waiter
	stats Stats
}

// NewPool returns a pool of size free slots.
func NewPool(size int) (*Pool, error) {
	if size < 1 {
		return nil, ErrBadSize
	}
	return &Pool{size: size}, nil
}

// Acquire takes a slot, queueing while none is free, until ctx ends.
func (p *Pool) Acquire(ctx context.Context) (func(), error) {
	if err := ctx.Err(); err != nil {
		p.mu.Lock()
		p.stats.Canceled++
		p.mu.Unlock()
		return func() {}, err
	}
	p.mu.Lock()
	if p.inUse < p.size && len(p.queue) == 0 {
		p.inUse++
		p.stats.Acquired++
		p.mu.Unlock()
		return p.releaser(), nil
	}
	w := &waiter{ready: make(chan struct{}), since: time.Now()}
	p.queue = append(p.queue, w)
	p.stats.MaxWaiting = max(p.stats.MaxWaiting, len(p.queue))
	p.mu.Unlock()

	select {
	case <-w.ready:
		return p.releaser(), nil
	case <-ctx.Done():
		p.mu.Lock()
		defer p.mu.Unlock()
		if w.granted {
			// The slot arrived as the context ended: keep it, as
			// x/sync/semaphore does, rather than unwind the hand-over.
			return p.releaser(), nil
		}
		p.queue = slices.DeleteFunc(p.queue, func(q *waiter) bool { return q == w })
		p.stats.Canceled++
		return func() {}, ctx.Err()
	}
}

// releaser returns a release func that gives the slot back once.
func (p *Pool) releaser() func() {
	var once sync.Once
	return func() { once.Do(p.release) }
}

// release hands the slot to the first in the queue, or frees it.
func (p *Pool) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.queue) == 0 {
		p.inUse--
		return
	}
	w := p.queue[0]
	p.queue = p.queue[1:]
	w.granted = true
	p.stats.Acquired++
	p.stats.Waited++
	p.stats.WaitTime += time.Since(w.since)
	close(w.ready)
}

// Stats reports the pool's state and queueing so far.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Size, s.InUse, s.Waiting = p.size, p.inUse, len(p.queue)
	return s
}
