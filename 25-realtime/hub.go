package main

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// hubOptions are the hub's limits and clock.
type hubOptions struct {
	Instance         string           // this process's ID: the first half of every event ID it numbers
	History          int              // events kept per room for replay
	SendBuffer       int              // events queued per WebSocket client before it is evicted
	MaxRooms         int              // rooms this instance keeps at most
	PresenceInterval time.Duration    // how often this instance announces its presence; 3 missed announcements and another instance forgets it
	Now              func() time.Time // the clock; time.Now in the server
}

// errTooManyRooms is returned when a new room would exceed MaxRooms.
var errTooManyRooms = errors.New("hub: too many rooms")

// Hub routes a room's events to its subscribers on this instance and keeps
// the room's replay buffer. It never sends to a client directly: Send
// publishes through the Broker, and every instance (this one too) numbers
// and delivers what the broker hands it. So all clients of one instance see
// one order, whichever instance their messages came from.
//
// Two ways out of a room:
//   - push, for WebSocket clients: a bounded channel per client, filled
//     without ever blocking; a client whose channel is full is evicted;
//   - pull, for SSE streams and long polls: they wait on the room's
//     changed channel and read the history from where they are.
type Hub struct {
	opts    hubOptions
	broker  Broker
	metrics *metrics
	logger  *slog.Logger

	pubMu     sync.Mutex // held across numbering and publishing: OriginSeq order is publish order
	published uint64

	mu    sync.Mutex
	rooms map[string]*room

	done     chan struct{} // closed by Shutdown
	stopOnce sync.Once
	conns    sync.WaitGroup // one per open WebSocket connection
	consumed chan struct{}  // closed when the broker's deliveries end
}

// room is one room's state on this instance.
type room struct {
	history *history
	subs    map[*subscriber]bool      // WebSocket clients
	changed chan struct{}             // closed (and replaced) on every new event
	local   map[string]int            // user → connections here (WebSocket and SSE)
	remote  map[string]remotePresence // instance → its users, as last announced
}

type remotePresence struct {
	users []string
	at    time.Time
}

// subscriber is one WebSocket client's queue.
type subscriber struct {
	user   string
	send   chan Event // bounded: full means the client is too slow
	closed bool       // send is closed (evicted or left); guarded by Hub.mu
}

// newHub starts consuming broker's deliveries and announcing presence.
func newHub(broker Broker, opts hubOptions, m *metrics, logger *slog.Logger) *Hub {
	h := &Hub{
		opts: opts, broker: broker, metrics: m, logger: logger,
		rooms: map[string]*room{}, done: make(chan struct{}), consumed: make(chan struct{}),
	}
	go h.consume()
	go h.announce()
	return h
}

// Done is closed when the hub is shutting down.
func (h *Hub) Done() <-chan struct{} { return h.done }

// Shutdown tells every WebSocket connection, SSE stream and long poll to
// finish: WebSockets send a 1001 close frame, streams end. It is the
// http.Server's RegisterOnShutdown hook; Wait waits for the WebSockets,
// which the server no longer tracks once they are hijacked.
func (h *Hub) Shutdown() { h.stopOnce.Do(func() { close(h.done) }) }

// Wait blocks until every WebSocket connection has finished, or ctx is done.
func (h *Hub) Wait(ctx context.Context) error {
	finished := make(chan struct{})
	go func() { h.conns.Wait(); close(finished) }()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Send publishes a chat message from user to the room, on every instance.
func (h *Hub) Send(ctx context.Context, roomName, user, text string) error {
	return h.publish(ctx, Envelope{Kind: "message", Room: roomName, From: user, Text: text})
}

// publish numbers env as this instance's next publication and sends it.
func (h *Hub) publish(ctx context.Context, env Envelope) error {
	h.pubMu.Lock()
	defer h.pubMu.Unlock()
	h.published++
	env.Origin, env.OriginSeq, env.SentAt = h.opts.Instance, h.published, h.opts.Now().UTC()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := h.broker.Publish(ctx, env); err != nil {
		h.metrics.brokerErrors.Inc()
		h.logger.Error("broker: publish failed", "kind", env.Kind, "room", env.Room, "err", err)
		return err
	}
	return nil
}

// consume turns the broker's deliveries into room events until the broker closes.
func (h *Hub) consume() {
	defer close(h.consumed)
	for env := range h.broker.Deliveries() {
		h.receive(env)
	}
	select {
	case <-h.done:
	default:
		// The broker connection is gone, and every send goes through the
		// broker, this instance's own included: nothing arrives any more.
		h.logger.Error("broker: deliveries ended; this instance no longer receives any room's events")
	}
}

// receive applies one envelope: a presence announcement updates the room's
// view of another instance; anything else becomes the room's next event.
func (h *Hub) receive(env Envelope) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, err := h.roomLocked(env.Room)
	if err != nil {
		h.logger.Warn("hub: dropping an event for a room over the limit", "room", env.Room)
		return
	}
	if env.Kind == "presence" {
		if env.Origin != h.opts.Instance {
			r.remote[env.Origin] = remotePresence{users: env.Users, at: h.opts.Now()}
		}
		return
	}
	ev := Event{
		Seq: r.history.last + 1, Instance: h.opts.Instance, Type: env.Kind,
		Room: env.Room, From: env.From, Text: env.Text, At: env.SentAt,
	}
	ev.ID = eventID(ev.Instance, ev.Seq)
	r.history.add(ev)
	// Fan out without blocking: the consumer must never wait for a client,
	// or one slow client would stall the room, then the instance.
	for s := range r.subs {
		select {
		case s.send <- ev:
		default:
			h.evictLocked(r, s)
		}
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

// evictLocked drops a WebSocket client whose queue is full. Its writer sees
// the closed channel and closes the connection with 1008; the client can
// reconnect and resume from the last event it saw.
func (h *Hub) evictLocked(r *room, s *subscriber) {
	delete(r.subs, s)
	s.closed = true
	close(s.send)
	h.metrics.evictions.Inc()
	h.logger.Warn("hub: evicted a slow client", "user", s.user)
}

// roomLocked returns the room, creating it within MaxRooms.
func (h *Hub) roomLocked(name string) (*room, error) {
	if r, ok := h.rooms[name]; ok {
		return r, nil
	}
	if len(h.rooms) >= h.opts.MaxRooms {
		return nil, errTooManyRooms
	}
	r := &room{
		history: newHistory(h.opts.History), subs: map[*subscriber]bool{},
		changed: make(chan struct{}), local: map[string]int{}, remote: map[string]remotePresence{},
	}
	h.rooms[name] = r
	h.metrics.rooms.Set(float64(len(h.rooms)))
	return r, nil
}

// resume is where a client asks to continue from: nothing (a new client,
// who gets the kept history) or the ID of the last event it saw.
type resume struct {
	given    bool
	instance string
	seq      uint64
}

// sinceLocked returns what a client resuming from res has missed, and
// reset=true when that cannot be told exactly: the ID is from another
// instance (or an earlier run of this one), or older than the history.
// Either way it gets everything kept, and must resync.
func (h *Hub) sinceLocked(r *room, res resume) (events []Event, reset bool) {
	if !res.given {
		return r.history.all(), false
	}
	if res.instance != h.opts.Instance {
		return r.history.all(), true
	}
	events, complete := r.history.after(res.seq)
	return events, !complete
}

// Join subscribes a WebSocket client to a room. The replay and the
// subscription are taken under one lock, so no event falls between them
// and none comes twice.
func (h *Hub) Join(roomName, user string, res resume) (s *subscriber, replay []Event, reset bool, err error) {
	h.mu.Lock()
	r, err := h.roomLocked(roomName)
	if err != nil {
		h.mu.Unlock()
		return nil, nil, false, err
	}
	replay, reset = h.sinceLocked(r, res)
	s = &subscriber{user: user, send: make(chan Event, h.opts.SendBuffer)}
	r.subs[s] = true
	first := h.arriveLocked(r, user)
	h.mu.Unlock()
	h.announceChange(roomName, user, first, "join")
	return s, replay, reset, nil
}

// Leave unsubscribes a WebSocket client (evicted or not).
func (h *Hub) Leave(roomName string, s *subscriber) {
	h.mu.Lock()
	r := h.rooms[roomName]
	if !s.closed {
		delete(r.subs, s)
		s.closed = true
		close(s.send)
	}
	last := h.departLocked(r, s.user)
	h.mu.Unlock()
	h.announceChange(roomName, s.user, last, "leave")
}

// Watch counts an SSE stream in the room's presence; call the returned
// function when the stream ends.
func (h *Hub) Watch(roomName, user string) (unwatch func(), err error) {
	h.mu.Lock()
	r, err := h.roomLocked(roomName)
	if err != nil {
		h.mu.Unlock()
		return nil, err
	}
	first := h.arriveLocked(r, user)
	h.mu.Unlock()
	h.announceChange(roomName, user, first, "join")
	return func() {
		h.mu.Lock()
		last := h.departLocked(r, user)
		h.mu.Unlock()
		h.announceChange(roomName, user, last, "leave")
	}, nil
}

// Since returns what a client resuming from res has missed (see
// sinceLocked) and a channel closed at the room's next event.
func (h *Hub) Since(roomName string, res resume) (events []Event, reset bool, changed <-chan struct{}, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, err := h.roomLocked(roomName)
	if err != nil {
		return nil, false, nil, err
	}
	events, reset = h.sinceLocked(r, res)
	return events, reset, r.changed, nil
}

// arriveLocked counts one more connection of user; true when it is the first.
func (h *Hub) arriveLocked(r *room, user string) bool {
	r.local[user]++
	h.metrics.present.Inc()
	return r.local[user] == 1
}

// departLocked counts one connection of user less; true when it was the last.
func (h *Hub) departLocked(r *room, user string) bool {
	r.local[user]--
	h.metrics.present.Dec()
	if r.local[user] > 0 {
		return false
	}
	delete(r.local, user)
	return true
}

// announceChange publishes a join or leave event and this instance's new
// presence when a user's first connection arrived or last one left.
func (h *Hub) announceChange(roomName, user string, changed bool, kind string) {
	if !changed {
		return
	}
	ctx := context.Background()
	if h.publish(ctx, Envelope{Kind: kind, Room: roomName, From: user}) == nil {
		h.publishPresence(ctx, roomName)
	}
}

// publishPresence tells the other instances who is in the room here.
func (h *Hub) publishPresence(ctx context.Context, roomName string) {
	h.mu.Lock()
	r := h.rooms[roomName]
	users := sortedKeys(r.local)
	h.mu.Unlock()
	_ = h.publish(ctx, Envelope{Kind: "presence", Room: roomName, Users: users})
}

// announce repeats this instance's presence in every room it has users in,
// so a new instance learns it and a dead one is forgotten when it stops.
func (h *Hub) announce() {
	t := time.NewTicker(h.opts.PresenceInterval)
	defer t.Stop()
	for {
		select {
		case <-h.done:
			return
		case <-t.C:
		}
		h.mu.Lock()
		var names []string
		for name, r := range h.rooms {
			if len(r.local) > 0 {
				names = append(names, name)
			}
		}
		h.mu.Unlock()
		for _, name := range names {
			h.publishPresence(context.Background(), name)
		}
	}
}

// Present lists who is in the room: users connected here, and users other
// instances announced within three presence intervals.
func (h *Hub) Present(roomName string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.rooms[roomName]
	if !ok {
		return []string{}
	}
	users := sortedKeys(r.local)
	for origin, p := range r.remote {
		if h.opts.Now().Sub(p.at) > 3*h.opts.PresenceInterval {
			delete(r.remote, origin) // that instance stopped announcing: gone
			continue
		}
		users = append(users, p.users...)
	}
	slices.Sort(users)
	return slices.Compact(users)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
