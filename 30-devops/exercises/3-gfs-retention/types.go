// Package gfsretention is exercise 3 of chapter 30: which backups a
// grandfather-father-son rotation keeps and which it deletes.
package gfsretention

import "time"

// Policy says how many periods of each kind keep a backup. A count of 0
// turns that rule off.
type Policy struct {
	Daily   int // sons: the newest backup of each of the last Daily days that have one
	Weekly  int // fathers: … of the last Weekly ISO weeks that have one
	Monthly int // grandfathers: … of the last Monthly months that have one
	// Location is the calendar the periods are read in: a backup at
	// 23:30 UTC on Sunday is on Monday in Berlin. nil means UTC.
	Location *time.Location
}

// Kept is a backup the policy keeps, and why.
type Kept struct {
	At time.Time
	// Reasons, in the order daily, weekly, monthly: "daily 2026-03-29",
	// "weekly 2026-W13", "monthly 2026-03" (dates in Policy.Location).
	Reasons []string
}

// Plan is the outcome: every backup is in exactly one of the two lists,
// each newest first, with the times as they were given.
type Plan struct {
	Keep   []Kept
	Delete []time.Time
}
