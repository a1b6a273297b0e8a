//go:build solution

package roomhub

import "slices"

func (h *Hub) Join(room, id string, p Policy) (*Subscriber, error) {
	if room == "" || id == "" {
		return nil, ErrInvalid
	}
	c := make(chan Message, h.queue)
	s := &Subscriber{ID: id, Room: room, Policy: p, C: c, c: c}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rooms[room] == nil {
		h.rooms[room] = map[*Subscriber]struct{}{}
	}
	h.rooms[room][s] = struct{}{}
	return s, nil
}

func (h *Hub) Leave(s *Subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.removeLocked(s)
}

// removeLocked takes s out of its room and closes its channel, once.
func (h *Hub) removeLocked(s *Subscriber) {
	if s.gone {
		return
	}
	s.gone = true
	close(s.c)
	delete(h.rooms[s.Room], s)
	if len(h.rooms[s.Room]) == 0 {
		delete(h.rooms, s.Room)
	}
}

func (h *Hub) Broadcast(m Message) Report {
	h.mu.Lock()
	defer h.mu.Unlock()
	var rep Report
	for s := range h.rooms[m.Room] {
		select {
		case s.c <- m:
			rep.Delivered++
			continue
		default:
		}
		if s.Policy == Evict {
			h.removeLocked(s)
			rep.Evicted = append(rep.Evicted, s.ID)
			continue
		}
		// DropOldest. Only the hub sends, under the lock, so after taking
		// one message out there is room; the subscriber may have taken it
		// itself meanwhile, and then nothing was lost.
		select {
		case <-s.c:
			rep.Dropped++
		default:
		}
		s.c <- m
		rep.Delivered++
	}
	slices.Sort(rep.Evicted)
	return rep
}

func (h *Hub) Members(room string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	ids := []string{}
	for s := range h.rooms[room] {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func (h *Hub) Rooms() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.rooms)
}
