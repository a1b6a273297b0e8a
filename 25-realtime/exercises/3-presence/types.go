// Package presence is exercise 3 of chapter 25: who is in a room, known
// from heartbeats rather than from open connections.
package presence

import "time"

// Change is a user arriving in or leaving a room.
type Change struct {
	Kind string // "join" or "leave"
	Room string
	User string
}

// Tracker follows presence by heartbeat. A connection (a tab, a device) is
// live while no more than the timeout has passed since its last heartbeat;
// a user is present in a room while one of their connections there is
// live. It is not safe for concurrent use: callers hold a lock.
//
//lint:ignore U1000 the stub leaves its fields to the learner; the reference uses them
type Tracker struct {
	timeout time.Duration
	now     func() time.Time
	// rooms[room][user][conn] is the time of conn's last heartbeat.
	rooms map[string]map[string]map[string]time.Time
}

// NewTracker returns a tracker that expires connections after timeout,
// reading the time from now.
func NewTracker(timeout time.Duration, now func() time.Time) *Tracker {
	return &Tracker{timeout: timeout, now: now, rooms: map[string]map[string]map[string]time.Time{}}
}
