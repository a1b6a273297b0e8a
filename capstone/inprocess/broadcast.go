package inprocess

import (
	"context"
	"sync"

	"workbook/capstone/service"
)

// Broadcast is the default service.Broadcaster: one instance, so
// "every instance" is this one, and a notification is handed straight to
// its subscribers. deliver must not block (the realtime hub's does not).
type Broadcast struct {
	mu   sync.RWMutex
	subs map[*func(service.Notification)]struct{}
}

var _ service.Broadcaster = (*Broadcast)(nil)

// Publish hands n to every subscriber.
func (b *Broadcast) Publish(_ context.Context, n service.Notification) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for d := range b.subs {
		(*d)(n)
	}
	return nil
}

// Subscribe delivers every notification published until ctx is done.
func (b *Broadcast) Subscribe(ctx context.Context, deliver func(service.Notification)) error {
	key := &deliver
	b.mu.Lock()
	if b.subs == nil {
		b.subs = map[*func(service.Notification)]struct{}{}
	}
	b.subs[key] = struct{}{}
	b.mu.Unlock()
	<-ctx.Done()
	b.mu.Lock()
	delete(b.subs, key)
	b.mu.Unlock()
	return nil
}
