package main

import (
	"sync"
	"sync/atomic"
)

// Three ways to count from many goroutines, compared by BenchmarkCounters.

// mutexCounter guards a plain int with a lock: simple, and it extends to
// updating several fields together, but every increment takes and releases
// the lock, and under contention goroutines queue for it.
type mutexCounter struct {
	mu sync.Mutex
	n  int64
}

func (c *mutexCounter) add(d int64) {
	c.mu.Lock()
	c.n += d
	c.mu.Unlock()
}

func (c *mutexCounter) load() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// atomicCounter is one lock-free word. Under contention every core still
// fights over the same cache line.
type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) add(d int64) { c.n.Add(d) }
func (c *atomicCounter) load() int64 { return c.n.Load() }

// shardedCounter spreads the count over cache-line-sized shards; a writer
// picks its shard, a reader sums them all. Writes stop contending; reads get
// slower and see no single instant.
type shardedCounter struct {
	shards []paddedInt
}

// paddedInt fills a 64-byte cache line, so two shards never share one.
type paddedInt struct {
	n atomic.Int64
	_ [56]byte
}

func newShardedCounter(n int) *shardedCounter { return &shardedCounter{shards: make([]paddedInt, n)} }

func (c *shardedCounter) add(shard int, d int64) { c.shards[shard%len(c.shards)].n.Add(d) }

func (c *shardedCounter) load() int64 {
	var sum int64
	for i := range c.shards {
		sum += c.shards[i].n.Load()
	}
	return sum
}
