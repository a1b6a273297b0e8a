// Package watch re-runs an exercise's tests when its files change.
package watch

import (
	"sync"
	"time"
)

// Clock is the time source of a Debouncer; tests substitute a fake.
type Clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending call from Clock.AfterFunc.
type Timer interface {
	Stop() bool
}

// RealClock is the wall clock.
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }

func (RealClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Debouncer coalesces bursts of events per key: Fire runs once per key,
// Delay after the last Touch of that key. Editors save with several events
// (write temp file, rename, chmod; or truncate then write), and a formatter
// on save adds another write; all of them land inside one burst.
//
// Keys are independent: touching "a" never delays or cancels "b".
type Debouncer struct {
	delay time.Duration
	clock Clock
	fire  func(key string, last time.Time)

	mu      sync.Mutex
	pending map[string]*pendingKey
	stopped bool
}

type pendingKey struct {
	timer Timer
	last  time.Time
	gen   uint64
}

// NewDebouncer returns a Debouncer that calls fire(key, timeOfLastTouch) on
// its own goroutine. A nil clock means RealClock.
func NewDebouncer(delay time.Duration, clock Clock, fire func(key string, last time.Time)) *Debouncer {
	if clock == nil {
		clock = RealClock{}
	}
	return &Debouncer{delay: delay, clock: clock, fire: fire, pending: map[string]*pendingKey{}}
}

// Touch records an event for key now and (re)starts its quiet period.
func (d *Debouncer) Touch(key string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	p := d.pending[key]
	if p == nil {
		p = &pendingKey{}
		d.pending[key] = p
	} else if p.timer != nil {
		p.timer.Stop()
	}
	p.gen++
	p.last = d.clock.Now()
	gen := p.gen
	p.timer = d.clock.AfterFunc(d.delay, func() { d.expire(key, gen) })
}

func (d *Debouncer) expire(key string, gen uint64) {
	d.mu.Lock()
	p := d.pending[key]
	// A timer that fired while a newer Touch was stopping it is stale.
	if d.stopped || p == nil || p.gen != gen {
		d.mu.Unlock()
		return
	}
	delete(d.pending, key)
	last := p.last
	d.mu.Unlock()
	d.fire(key, last)
}

// Stop cancels every pending call; later Touches are ignored.
func (d *Debouncer) Stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopped = true
	for k, p := range d.pending {
		if p.timer != nil {
			p.timer.Stop()
		}
		delete(d.pending, k)
	}
}
