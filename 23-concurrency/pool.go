package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// job is one item for the worker pool. out is buffered by the submitter to
// hold every result of its request, so a worker never blocks on a request
// that has stopped listening.
type job struct {
	ctx    context.Context
	index  int
	item   string
	rounds int
	out    chan<- hashed
}

// hashed is one item's result.
type hashed struct {
	Index  int    `json:"-"`
	Item   string `json:"item"`
	SHA256 string `json:"sha256"`
	Worker int    `json:"worker"`
	err    error
}

// pool is a fixed set of long-lived workers reading one job queue: fan-out
// to the workers, fan-in through each request's own result channel.
type pool struct {
	jobs    chan job
	quit    chan struct{} // closed by close; jobs is never closed, so no send can panic
	wg      sync.WaitGroup
	workers int
	stats   *stats
}

// newPool starts workers goroutines. The queue holds a few jobs per worker:
// enough to keep them busy, small enough that a burst waits in its handler
// (where the request's deadline applies) rather than in an unbounded queue.
func newPool(workers int, st *stats) *pool {
	p := &pool{jobs: make(chan job, 4*workers), quit: make(chan struct{}), workers: workers, stats: st}
	for id := range workers {
		p.wg.Go(func() { p.work(id) })
	}
	return p
}

func (p *pool) work(id int) {
	for {
		select {
		case <-p.quit:
			return
		case j := <-p.jobs:
			if err := j.ctx.Err(); err != nil {
				j.out <- hashed{Index: j.index, err: err} // the request is gone: skip the work
				continue
			}
			p.stats.poolJobs.Add(1)
			j.out <- hashed{Index: j.index, Item: j.item, SHA256: iterate(j.item, j.rounds), Worker: id}
		}
	}
}

// close stops the workers and waits for them.
func (p *pool) close() {
	close(p.quit)
	p.wg.Wait()
}

// hash runs every item through the pool and returns the results in input
// order, or ctx's error when the request ends first.
func (p *pool) hash(ctx context.Context, items []string, rounds int) ([]hashed, error) {
	out := make(chan hashed, len(items))
	for i, it := range items {
		select {
		case p.jobs <- job{ctx: ctx, index: i, item: it, rounds: rounds, out: out}:
		case <-ctx.Done():
			return nil, ctx.Err() // queued jobs still answer into out: it is buffered
		case <-p.quit:
			return nil, errPoolClosed
		}
	}
	res := make([]hashed, len(items))
	for range items {
		select {
		case h := <-out:
			if h.err != nil {
				return nil, h.err
			}
			res[h.Index] = h // results arrive in completion order; the index restores input order
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return res, nil
}

// iterate is the CPU-bound work: SHA-256 applied rounds times.
func iterate(item string, rounds int) string {
	sum := sha256.Sum256([]byte(item))
	for range rounds - 1 {
		sum = sha256.Sum256(sum[:])
	}
	return hex.EncodeToString(sum[:])
}
