//go:build solution

package idempotentconsumer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Process runs one delivery and says what to tell the broker. The error is
// nil for Ack (done now, or a duplicate), otherwise it says why.
func (c *Consumer) Process(ctx context.Context, m Message) (Decision, error) {
	// Poison: no retry will ever make these readable, so do not requeue
	// them forever; and without an ID there is nothing to deduplicate on.
	if m.MessageID == "" {
		return DeadLetter, errors.New("message has no message-id")
	}
	var j Job
	if err := json.Unmarshal(m.Body, &j); err != nil {
		return DeadLetter, fmt.Errorf("message %s: unreadable body: %w", m.MessageID, err)
	}
	if j.Kind == "" {
		return DeadLetter, fmt.Errorf("message %s: body has no kind", m.MessageID)
	}
	err := c.Store.InTx(ctx, func(tx Tx) error {
		// Claim first, in the same transaction as the effect: a concurrent
		// duplicate waits on the claim instead of running the handler too,
		// and a failure rolls the claim back with the effect.
		if err := tx.Claim(ctx, m.MessageID); err != nil {
			return err
		}
		return c.Handle(ctx, tx, j)
	})
	switch {
	case err == nil:
		return Ack, nil
	case errors.Is(err, ErrAlreadyDone):
		return Ack, nil // a duplicate: the effect is already committed
	case errors.Is(err, ErrPermanent):
		return DeadLetter, fmt.Errorf("message %s: %w", m.MessageID, err)
	default:
		return Requeue, fmt.Errorf("message %s: %w", m.MessageID, err)
	}
}
