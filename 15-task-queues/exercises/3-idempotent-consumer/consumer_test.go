package idempotentconsumer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

// memStore is an in-memory Store with the contract of types.go: writes are
// kept only on commit, and a claim held by an open transaction makes a
// second Claim of the same ID wait (on a channel, so synctest sees it
// blocked) until the first transaction ends.
type memStore struct {
	mu         sync.Mutex
	done       map[string]bool          // IDs claimed by committed transactions
	open       map[string]chan struct{} // ID → closed when the transaction holding its claim ends
	effects    []string                 // committed Puts, as "key=value", in commit order
	txs        int                      // InTx calls
	failCommit int                      // how many of the next commits fail
}

var errCommit = errors.New("commit failed: connection lost")

func newStore(done ...string) *memStore {
	s := &memStore{done: map[string]bool{}, open: map[string]chan struct{}{}}
	for _, id := range done {
		s.done[id] = true
	}
	return s
}

type memTx struct {
	s      *memStore
	claims []string
	puts   []string
	ended  bool
}

func (s *memStore) InTx(ctx context.Context, fn func(Tx) error) error {
	s.mu.Lock()
	s.txs++
	s.mu.Unlock()
	tx := &memTx{s: s}
	err := fn(tx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil && s.failCommit > 0 {
		s.failCommit--
		err = errCommit
	}
	if err == nil {
		s.effects = append(s.effects, tx.puts...)
		for _, id := range tx.claims {
			s.done[id] = true
		}
	}
	tx.ended = true
	for _, id := range tx.claims {
		close(s.open[id])
		delete(s.open, id)
	}
	return err
}

func (tx *memTx) Claim(ctx context.Context, id string) error {
	for {
		tx.s.mu.Lock()
		if tx.ended {
			tx.s.mu.Unlock()
			return errors.New("claim on a finished transaction")
		}
		if tx.s.done[id] {
			tx.s.mu.Unlock()
			return ErrAlreadyDone
		}
		held, busy := tx.s.open[id]
		if !busy {
			tx.s.open[id] = make(chan struct{})
			tx.claims = append(tx.claims, id)
			tx.s.mu.Unlock()
			return nil
		}
		tx.s.mu.Unlock()
		select {
		case <-held:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (tx *memTx) Put(key, value string) error {
	tx.s.mu.Lock()
	defer tx.s.mu.Unlock()
	if tx.ended {
		return errors.New("put on a finished transaction")
	}
	tx.puts = append(tx.puts, key+"="+value)
	return nil
}

func (s *memStore) snapshot() (effects []string, done map[string]bool, txs int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	done = map[string]bool{}
	for id := range s.done {
		done[id] = true
	}
	return append([]string(nil), s.effects...), done, s.txs
}

// recorder is a handler that credits an account and counts its calls; fail
// (when set) decides each call's error after the effect was written.
type recorder struct {
	mu    sync.Mutex
	calls int
	fail  func(call int) error
}

func (r *recorder) handle(ctx context.Context, tx Tx, j Job) error {
	r.mu.Lock()
	r.calls++
	call := r.calls
	r.mu.Unlock()
	if err := tx.Put(j.Account, fmt.Sprint(j.Amount)); err != nil {
		return err
	}
	if r.fail != nil {
		return r.fail(call)
	}
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

func msg(id string) Message {
	return Message{MessageID: id, Body: []byte(`{"kind":"credit","account":"acct-7","amount":10}`)}
}

func process(t *testing.T, c *Consumer, m Message) (Decision, error) {
	t.Helper()
	d, err := c.Process(context.Background(), m)
	if err != nil && strings.Contains(err.Error(), "not implemented") {
		t.Fatalf("Process: %v", err)
	}
	return d, err
}

func wantEffects(t *testing.T, s *memStore, n int) {
	t.Helper()
	if effects, _, _ := s.snapshot(); len(effects) != n {
		t.Errorf("committed effects = %v, want %d", effects, n)
	}
}

func TestSuccessThenDuplicate(t *testing.T) {
	s, r := newStore(), &recorder{}
	c := &Consumer{Store: s, Handle: r.handle}
	if d, err := process(t, c, msg("m1")); d != Ack || err != nil {
		t.Fatalf("first delivery: Process = %v, %v; want Ack, nil", d, err)
	}
	if effects, done, _ := s.snapshot(); len(effects) != 1 || effects[0] != "acct-7=10" || !done["m1"] {
		t.Fatalf("after the first delivery: effects %v, processed IDs %v; want one credit and m1 recorded", effects, done)
	}
	again := msg("m1")
	again.Redelivered = true
	if d, err := process(t, c, again); d != Ack || err != nil {
		t.Errorf("duplicate: Process = %v, %v; want Ack, nil (it is done: remove it)", d, err)
	}
	if n := r.count(); n != 1 {
		t.Errorf("handler ran %d times for one message ID, want 1", n)
	}
	wantEffects(t, s, 1)
	if d, err := process(t, c, msg("m2")); d != Ack || err != nil {
		t.Errorf("another ID: Process = %v, %v; want Ack, nil", d, err)
	}
	wantEffects(t, s, 2)
}

// The store, not the process, remembers: a worker started after another
// one committed the ID (a fresh Consumer) still sees the duplicate.
func TestDuplicateSeenByAnotherWorker(t *testing.T) {
	s, r := newStore("m1"), &recorder{}
	c := &Consumer{Store: s, Handle: r.handle}
	if d, err := process(t, c, msg("m1")); d != Ack || err != nil || r.count() != 0 {
		t.Errorf("an ID the store has as done: Process = %v, %v with %d handler calls; want Ack, nil, 0", d, err, r.count())
	}
	wantEffects(t, s, 0)
}

// Redelivered only says the broker delivered it before, not that anyone
// finished it: a worker may have died before the effect.
func TestRedeliveredIsNotProofOfDone(t *testing.T) {
	s, r := newStore(), &recorder{}
	c := &Consumer{Store: s, Handle: r.handle}
	m := msg("m1")
	m.Redelivered = true
	if d, err := process(t, c, m); d != Ack || err != nil || r.count() != 1 {
		t.Errorf("first processing of a redelivered message: Process = %v, %v with %d handler calls; want Ack, nil, 1", d, err, r.count())
	}
	wantEffects(t, s, 1)
}

var errTransient = errors.New("ledger timeout")

func TestRetryableFailureIsRetried(t *testing.T) {
	s := newStore()
	r := &recorder{fail: func(call int) error {
		if call == 1 {
			return errTransient
		}
		return nil
	}}
	c := &Consumer{Store: s, Handle: r.handle}
	d, err := process(t, c, msg("m1"))
	if d != Requeue || !errors.Is(err, errTransient) {
		t.Fatalf("failed attempt: Process = %v, %v; want Requeue and an error wrapping the handler's", d, err)
	}
	if effects, done, _ := s.snapshot(); len(effects) != 0 || done["m1"] {
		t.Fatalf("after a failed attempt: effects %v, processed IDs %v; want none: a failure must not mark the ID done", effects, done)
	}
	m := msg("m1")
	m.Redelivered = true
	if d, err := process(t, c, m); d != Ack || err != nil {
		t.Errorf("redelivery after the failure: Process = %v, %v; want Ack, nil", d, err)
	}
	if n := r.count(); n != 2 {
		t.Errorf("handler ran %d times, want 2 (the failure, then the retry)", n)
	}
	wantEffects(t, s, 1)
}

func TestPermanentFailureIsDeadLettered(t *testing.T) {
	s := newStore()
	broken := true
	r := &recorder{fail: func(int) error {
		if broken {
			return fmt.Errorf("account closed: %w", ErrPermanent)
		}
		return nil
	}}
	c := &Consumer{Store: s, Handle: r.handle}
	d, err := process(t, c, msg("m1"))
	if d != DeadLetter || !errors.Is(err, ErrPermanent) || !strings.Contains(err.Error(), "account closed") {
		t.Fatalf("permanent failure: Process = %v, %v; want DeadLetter and the handler's error", d, err)
	}
	// Not marked done: once someone fixes the account and replays the
	// message from the DLQ, it must run.
	broken = false
	if d, err := process(t, c, msg("m1")); d != Ack || err != nil {
		t.Errorf("replay from the DLQ: Process = %v, %v; want Ack, nil", d, err)
	}
	wantEffects(t, s, 1)
}

func TestCommitFailureIsRetried(t *testing.T) {
	s, r := newStore(), &recorder{}
	s.failCommit = 1
	c := &Consumer{Store: s, Handle: r.handle}
	if d, err := process(t, c, msg("m1")); d != Requeue || !errors.Is(err, errCommit) {
		t.Fatalf("commit failed: Process = %v, %v; want Requeue and the store's error (nothing was kept)", d, err)
	}
	wantEffects(t, s, 0)
	if d, err := process(t, c, msg("m1")); d != Ack || err != nil {
		t.Errorf("redelivery: Process = %v, %v; want Ack, nil", d, err)
	}
	wantEffects(t, s, 1)
}

func TestPoisonMessagesAreDeadLettered(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Message
	}{
		{"not JSON", Message{MessageID: "p1", Body: []byte(`credit 10`)}},
		{"truncated JSON", Message{MessageID: "p2", Body: []byte(`{"kind":"credit"`)}},
		{"trailing garbage", Message{MessageID: "p3", Body: []byte(`{"kind":"credit"} x`)}},
		{"not an object", Message{MessageID: "p4", Body: []byte(`["credit"]`)}},
		{"empty body", Message{MessageID: "p5"}},
		{"no kind", Message{MessageID: "p6", Body: []byte(`{"account":"acct-7","amount":10}`)}},
		{"a field of the wrong type", Message{MessageID: "p8", Body: []byte(`{"kind":"credit","account":"acct-7","amount":"ten"}`)}},
		{"empty kind", Message{MessageID: "p7", Body: []byte(`{"kind":""}`)}},
		{"no message ID", Message{Body: []byte(`{"kind":"credit"}`)}},
	} {
		s, r := newStore(), &recorder{}
		c := &Consumer{Store: s, Handle: r.handle}
		d, err := process(t, c, tc.m)
		_, done, txs := s.snapshot()
		if d != DeadLetter || err == nil {
			t.Errorf("%s: Process = %v, %v; want DeadLetter and an error saying why", tc.name, d, err)
		}
		if r.count() != 0 || txs != 0 || len(done) != 0 {
			t.Errorf("%s: %d handler calls, %d transactions, processed IDs %v; want none: a poison message never reaches the store", tc.name, r.count(), txs, done)
		}
	}
}

// Two deliveries of one ID at once (a redelivery racing a slow first
// worker): the handler runs once, the other delivery waits on the claim
// and is acked as a duplicate.
func TestConcurrentDuplicatesOneEffect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		release := make(chan struct{})
		r := &recorder{fail: func(int) error { <-release; return nil }}
		c := &Consumer{Store: s, Handle: r.handle}
		decisions := make(chan Decision, 2)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				d, err := c.Process(context.Background(), msg("m1"))
				decisions <- d
				errs <- err
			}()
		}
		synctest.Wait()
		if n := r.count(); n != 1 {
			t.Errorf("with two deliveries of one ID in flight, the handler is running %d times, want 1 (claim before running it)", n)
		}
		close(release)
		for range 2 {
			if d, err := <-decisions, <-errs; d != Ack || err != nil {
				t.Errorf("Process = %v, %v; want Ack, nil for both", d, err)
			}
		}
		if n := r.count(); n != 1 {
			t.Errorf("handler ran %d times, want 1", n)
		}
		wantEffects(t, s, 1)
	})
}

// When the first of two concurrent deliveries fails, its claim is rolled
// back and the waiting one does the job.
func TestConcurrentDuplicateAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		release := make(chan struct{})
		r := &recorder{fail: func(call int) error {
			if call == 1 {
				<-release
				return errTransient
			}
			return nil
		}}
		c := &Consumer{Store: s, Handle: r.handle}
		first := make(chan Decision, 1)
		go func() {
			d, _ := c.Process(context.Background(), msg("m1"))
			first <- d
		}()
		synctest.Wait() // the first delivery holds the claim
		second := make(chan Decision, 1)
		go func() {
			d, _ := c.Process(context.Background(), msg("m1"))
			second <- d
		}()
		synctest.Wait() // the second waits on it
		close(release)
		if d1, d2 := <-first, <-second; d1 != Requeue || d2 != Ack {
			t.Errorf("decisions = %v, %v; want Requeue (it failed) then Ack (the waiting delivery did the job)", d1, d2)
		}
		if n := r.count(); n != 2 {
			t.Errorf("handler ran %d times, want 2", n)
		}
		wantEffects(t, s, 1)
	})
}

// A delivery waiting on another's claim gives up when its context ends
// (the worker is shutting down): it did nothing, so it is requeued.
func TestWaitingDuplicateCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newStore()
		release := make(chan struct{})
		r := &recorder{fail: func(int) error { <-release; return nil }}
		c := &Consumer{Store: s, Handle: r.handle}
		first := make(chan Decision, 1)
		go func() {
			d, _ := c.Process(context.Background(), msg("m1"))
			first <- d
		}()
		synctest.Wait()
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			d   Decision
			err error
		}
		second := make(chan result, 1)
		go func() {
			d, err := c.Process(ctx, msg("m1"))
			second <- result{d, err}
		}()
		synctest.Wait()
		cancel()
		if got := <-second; got.d != Requeue || !errors.Is(got.err, context.Canceled) {
			t.Errorf("cancelled while waiting on the claim: Process = %v, %v; want Requeue, context.Canceled (it did not do the job)", got.d, got.err)
		}
		close(release)
		if d := <-first; d != Ack {
			t.Errorf("the delivery holding the claim: Process = %v, want Ack", d)
		}
		if n := r.count(); n != 1 {
			t.Errorf("handler ran %d times, want 1", n)
		}
		wantEffects(t, s, 1)
	})
}
