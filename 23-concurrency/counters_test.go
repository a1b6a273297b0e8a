package main

import (
	"sync"
	"testing"
	"time"
)

// counterKinds are the three counters under test, each behind the same
// shape: add from goroutine g, then load.
func counterKinds() map[string]func() (add func(g int), load func() int64) {
	return map[string]func() (func(int), func() int64){
		"mutex": func() (func(int), func() int64) {
			c := &mutexCounter{}
			return func(int) { c.add(1) }, c.load
		},
		"atomic": func() (func(int), func() int64) {
			c := &atomicCounter{}
			return func(int) { c.add(1) }, c.load
		},
		"sharded": func() (func(int), func() int64) {
			c := newShardedCounter(goroutines)
			return func(g int) { c.add(g, 1) }, c.load
		},
	}
}

const goroutines = 8

// hammer runs goroutines goroutines doing perG increments each.
func hammer(add func(int), perG int) {
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for range perG {
				add(g)
			}
		})
	}
	wg.Wait()
}

// Every counter is exact under contention; run with -race it also proves
// none of them races.
func TestCountersAreExact(t *testing.T) {
	for name, mk := range counterKinds() {
		add, load := mk()
		hammer(add, 10_000)
		if n := load(); n != goroutines*10_000 {
			t.Errorf("%s counter = %d after %d increments", name, n, goroutines*10_000)
		}
	}
}

// BenchmarkCounters times the three counters in the same run, on the same
// workload (8 goroutines incrementing at once), and reports each one's cost
// per increment and the ratios, so the figures compare like with like:
//
//	go test -run XXX -bench Counters -benchtime 20x ./23-concurrency
func BenchmarkCounters(b *testing.B) {
	const perG = 100_000
	spent := map[string]time.Duration{}
	kinds := counterKinds()
	for b.Loop() {
		for _, name := range []string{"mutex", "atomic", "sharded"} {
			add, _ := kinds[name]()
			start := time.Now()
			hammer(add, perG)
			spent[name] += time.Since(start)
		}
	}
	per := func(name string) float64 { return float64(spent[name].Nanoseconds()) / float64(b.N*goroutines*perG) }
	b.ReportMetric(per("mutex"), "mutex-ns/inc")
	b.ReportMetric(per("atomic"), "atomic-ns/inc")
	b.ReportMetric(per("sharded"), "sharded-ns/inc")
	b.ReportMetric(per("mutex")/per("atomic"), "mutex/atomic")
	b.ReportMetric(per("atomic")/per("sharded"), "atomic/sharded")
}
