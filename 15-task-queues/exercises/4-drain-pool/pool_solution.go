//go:build solution

package drainpool

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Pool runs jobs from a channel on a fixed number of workers. One
// dispatcher goroutine is the only reader of the channel, so once it has
// stopped, nothing but Stop takes a job from it.
type Pool struct {
	jobs   <-chan Job
	handle Handler
	work   chan Job      // dispatcher → workers, unbuffered: a job moves only to an idle worker
	stop   chan struct{} // closed by Stop: take no new job
	held   chan Job      // the job the dispatcher held when it stopped, if any (buffer 1)
	ended  chan struct{} // closed when the dispatcher has returned
	ctx    context.Context
	cancel context.CancelFunc // the jobs' context: cancelled when Stop gives up
	wg     sync.WaitGroup     // the workers

	mu       sync.Mutex
	running  int
	finished int
}

// Start starts n workers taking jobs from jobs and running h on each.
func Start(n int, jobs <-chan Job, h Handler) (*Pool, error) {
	if n < 1 {
		return nil, fmt.Errorf("workers = %d, want at least 1", n)
	}
	if jobs == nil || h == nil {
		return nil, errors.New("a pool needs a jobs channel and a handler")
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pool{jobs: jobs, handle: h, work: make(chan Job), stop: make(chan struct{}),
		held: make(chan Job, 1), ended: make(chan struct{}), ctx: ctx, cancel: cancel}
	go p.dispatch()
	for range n {
		p.wg.Go(p.worker)
	}
	return p, nil
}

func (p *Pool) dispatch() {
	defer close(p.ended)
	defer close(p.work) // the workers leave once they finish what they run
	for {
		var j Job
		var ok bool
		select {
		case <-p.stop:
			return
		case j, ok = <-p.jobs:
			if !ok {
				return // the producer closed the channel
			}
		}
		// Hold j until a worker is idle; a stop meanwhile hands it back.
		select {
		case p.work <- j:
		case <-p.stop:
			p.held <- j
			return
		}
	}
}

func (p *Pool) worker() {
	for j := range p.work {
		p.mu.Lock()
		p.running++
		p.mu.Unlock()
		p.handle(p.ctx, j)
		p.mu.Lock()
		p.running--
		p.finished++
		p.mu.Unlock()
	}
}

// Stop stops taking jobs, waits for the running ones to finish or for ctx
// to end, and reports. It is called once.
func (p *Pool) Stop(ctx context.Context) (Report, error) {
	close(p.stop)
	<-p.ended // never long: the dispatcher only waits on channels that stop wakes
	var r Report
	select {
	case j := <-p.held:
		r.Unstarted = append(r.Unstarted, j)
	default:
	}
	idle := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(idle)
	}()
	var err error
	select {
	case <-idle:
	case <-ctx.Done():
		err = ctx.Err()
	}
	p.mu.Lock()
	r.Finished, r.Running = p.finished, p.running
	p.mu.Unlock()
	p.cancel() // counted first: what still runs is now told to give up
	// The channel's buffer was never started either; nobody else reads it now.
	for {
		select {
		case j, ok := <-p.jobs:
			if !ok {
				return r, err
			}
			r.Unstarted = append(r.Unstarted, j)
		default:
			return r, err
		}
	}
}
