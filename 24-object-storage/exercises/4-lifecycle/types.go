// Package lifecycle is exercise 4 of chapter 24: evaluate S3-style
// lifecycle rules against the versions in a bucket.
package lifecycle

import (
	"errors"
	"time"
)

// Storage classes, from the warmest (dearest to store, cheapest to read)
// to the coldest.
const (
	Standard    = "STANDARD"
	StandardIA  = "STANDARD_IA"
	GlacierIR   = "GLACIER_IR"
	Glacier     = "GLACIER"
	DeepArchive = "DEEP_ARCHIVE"
)

// Classes lists the storage classes from warmest to coldest.
var Classes = []string{Standard, StandardIA, GlacierIR, Glacier, DeepArchive}

// Filter selects versions: the key starts with Prefix and every tag in
// Tags is on the version with that value. An empty filter selects all.
type Filter struct {
	Prefix string
	Tags   map[string]string
}

// Transition moves a current version to Class Days days after it was created.
type Transition struct {
	Days  int
	Class string
}

// Rule is one lifecycle rule. Zero values turn an action off.
type Rule struct {
	ID      string
	Enabled bool
	Filter  Filter
	// ExpirationDays: a current version gets a delete marker this many
	// days after it was created.
	ExpirationDays int
	// ExpiredObjectDeleteMarker: remove a current delete marker that has
	// no noncurrent versions left behind it.
	ExpiredObjectDeleteMarker bool
	// Transitions of current versions to colder classes.
	Transitions []Transition
	// NoncurrentDays: a noncurrent version is deleted this many days
	// after it became noncurrent, ...
	NoncurrentDays int
	// ... unless it is among the NewerNoncurrentVersions newest
	// noncurrent versions of its key, which are kept.
	NewerNoncurrentVersions int
	// NoncurrentTransitions move noncurrent versions, counting days from
	// when each became noncurrent.
	NoncurrentTransitions []Transition
}

// Version is one version of one key, as a bucket listing gives it.
type Version struct {
	Key, ID         string
	Latest          bool // the current version of its key
	DeleteMarker    bool
	Created         time.Time // LastModified
	NoncurrentSince time.Time // when a newer version replaced it; zero for the current one
	Tags            map[string]string
	Class           string // its storage class now; "" means Standard
}

// Kinds of action.
const (
	Expire       = "Expire"       // add a delete marker over the current version
	Delete       = "Delete"       // permanently delete a noncurrent version
	RemoveMarker = "RemoveMarker" // permanently delete an expired object delete marker
	Move         = "Transition"   // move a version to Class
)

// Action is what to do to one version, and the rule that asked for it.
type Action struct {
	Key, VersionID string
	Kind           string
	Class          string // for Move
	Rule           string
}

// ErrInvalidRule wraps every reason a rule set is refused.
var ErrInvalidRule = errors.New("invalid lifecycle rule")
