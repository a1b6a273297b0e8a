//go:build solution

package presence

import (
	"maps"
	"slices"
	"time"
)

// expired reports whether a heartbeat at seen no longer counts.
func (t *Tracker) expired(seen time.Time) bool { return t.now().Sub(seen) > t.timeout }

func (t *Tracker) Heartbeat(room, user, conn string) []Change {
	changes := t.Sweep()
	users := t.rooms[room]
	if users == nil {
		users = map[string]map[string]time.Time{}
		t.rooms[room] = users
	}
	conns := users[user]
	if conns == nil {
		conns = map[string]time.Time{}
		users[user] = conns
		changes = append(changes, Change{Kind: "join", Room: room, User: user})
	}
	conns[conn] = t.now()
	return changes
}

func (t *Tracker) Disconnect(room, user, conn string) []Change {
	changes := t.Sweep()
	conns := t.rooms[room][user]
	if _, ok := conns[conn]; !ok {
		return changes
	}
	delete(conns, conn)
	if len(conns) == 0 {
		t.forget(room, user)
		changes = append(changes, Change{Kind: "leave", Room: room, User: user})
	}
	return changes
}

// forget removes a user with no connection left, and the room if it empties.
func (t *Tracker) forget(room, user string) {
	delete(t.rooms[room], user)
	if len(t.rooms[room]) == 0 {
		delete(t.rooms, room)
	}
}

func (t *Tracker) Sweep() []Change {
	var changes []Change
	for _, room := range slices.Sorted(maps.Keys(t.rooms)) {
		users := t.rooms[room]
		for _, user := range slices.Sorted(maps.Keys(users)) {
			conns := users[user]
			for conn, seen := range conns {
				if t.expired(seen) {
					delete(conns, conn)
				}
			}
			if len(conns) == 0 {
				t.forget(room, user)
				changes = append(changes, Change{Kind: "leave", Room: room, User: user})
			}
		}
	}
	return changes
}

func (t *Tracker) Present(room string) []string {
	users := []string{}
	for user, conns := range t.rooms[room] {
		for _, seen := range conns {
			if !t.expired(seen) {
				users = append(users, user)
				break
			}
		}
	}
	slices.Sort(users)
	return users
}
