//go:build solution

package afterevents

import (
	"context"
	"slices"
)

// Run runs fn inside s.UoW. fn calls track for every aggregate it loads.
// When — and only when — the unit of work commits, Run dispatches the events
// those aggregates recorded, in the order they were tracked, exactly once.
// If fn fails or the commit fails, nothing is dispatched and Run returns the
// error. If the unit of work runs fn more than once, only the aggregates of
// the run that committed count.
func (s *Service) Run(ctx context.Context, fn func(tx Tx, track func(*Article)) error) error {
	var tracked []*Article
	err := s.UoW.Do(ctx, func(tx Tx) error {
		tracked = tracked[:0] // a retried run starts over: its predecessor's aggregates were discarded
		return fn(tx, func(a *Article) {
			if !slices.Contains(tracked, a) {
				tracked = append(tracked, a)
			}
		})
	})
	if err != nil {
		return err // rolled back: whatever was recorded never happened
	}
	var events []Event
	for _, a := range tracked {
		events = append(events, a.PullEvents()...)
	}
	if len(events) > 0 {
		s.Events.Dispatch(ctx, events)
	}
	return nil
}
