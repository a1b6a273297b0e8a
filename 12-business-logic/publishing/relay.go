package publishing

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Handler delivers one outbox message to the outside world (an email, a
// webhook, a message broker). It may be called more than once for the same
// message — after a crash between delivery and MarkDelivered — so it must
// be idempotent, using Message.ID to drop duplicates.
type Handler func(ctx context.Context, m Message) error

// Relay moves committed outbox messages to a Handler.
//
// This is how the workflow deals with a step that cannot be inside the
// database transaction: sending a notification. Sending it inside the
// transaction would notify about changes that may still roll back; sending
// it after commit from the request would lose it if the process died in
// between. Writing it to the outbox in the transaction and delivering it
// from there makes delivery at-least-once and never for a rolled-back change.
type Relay struct {
	uow         UnitOfWork
	handle      Handler
	logger      *slog.Logger
	maxAttempts int
	mu          sync.Mutex    // one Flush at a time in this process
	kick        chan struct{} // Kick → Run flushes soon
}

// NewRelay returns a Relay delivering to handle, giving up on a message
// after maxAttempts failed deliveries (it stays in the outbox, marked, for
// a person to look at: a dead letter).
func NewRelay(uow UnitOfWork, handle Handler, maxAttempts int, logger *slog.Logger) *Relay {
	return &Relay{uow: uow, handle: handle, logger: logger, maxAttempts: maxAttempts, kick: make(chan struct{}, 1)}
}

// Flush delivers every pending message and returns how many it delivered.
// Each is read in one unit of work, delivered outside any, and marked in
// another: a transaction is never held open while waiting on the outside world.
func (r *Relay) Flush(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delivered := 0
	for {
		var batch []Message
		err := r.uow.Do(ctx, func(tx Repos) error {
			var err error
			batch, err = tx.Outbox().Pending(ctx, 50, r.maxAttempts)
			return err
		})
		if err != nil || len(batch) == 0 {
			return delivered, err
		}
		progress := false
		for _, m := range batch {
			herr := r.handle(ctx, m)
			err := r.uow.Do(ctx, func(tx Repos) error {
				if herr != nil {
					return tx.Outbox().MarkFailed(ctx, m.ID, herr.Error())
				}
				return tx.Outbox().MarkDelivered(ctx, m.ID)
			})
			if err != nil {
				return delivered, err
			}
			if herr != nil {
				r.logger.Warn("outbox delivery failed", "id", m.ID, "event", m.Event, "attempt", m.Attempts+1, "err", herr)
				continue
			}
			delivered++
			progress = true
		}
		if !progress {
			return delivered, nil // everything left is failing: wait for the next tick
		}
	}
}

// FlushAfterCommit is Flush shaped for WithAfterCommit: delivery errors are
// logged, never returned to the caller whose change already committed.
func (r *Relay) FlushAfterCommit(ctx context.Context) {
	if _, err := r.Flush(context.WithoutCancel(ctx)); err != nil {
		r.logger.Error("outbox flush failed", "err", err)
	}
}

// Kick asks Run to flush soon, without waiting; for WithAfterCommit.
func (r *Relay) Kick(context.Context) {
	select {
	case r.kick <- struct{}{}:
	default: // a flush is already due
	}
}

// Run flushes whenever kicked and every interval (to retry failures and to
// catch messages committed by a process that died before delivering), until
// ctx is done.
func (r *Relay) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.kick:
		}
		if _, err := r.Flush(ctx); err != nil && ctx.Err() == nil {
			r.logger.Error("outbox flush failed", "err", err)
		}
	}
}
