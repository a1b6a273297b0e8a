// Package semverbump is exercise 3 of chapter 28: decide an API's next
// version from what changed, by Semantic Versioning 2.0.0 (semver.org).
package semverbump

// Change is one difference between the last release and this one, as a
// breaking-change detector (exercise 2) reports it.
type Change struct {
	Summary string
	// Breaking: a client written against the last release can fail.
	Breaking bool
	// Feature: something was added (an endpoint, an optional member, a
	// parameter). A change that is neither breaking nor a feature is a fix
	// (a corrected description, an example, a bug fix behind the same contract).
	Feature bool
}

// Level is the part of the version a set of changes calls for.
type Level string

const (
	Major Level = "major" // some change is breaking (semver §8)
	Minor Level = "minor" // none is breaking, some is a feature (§7)
	Patch Level = "patch" // only fixes (§6)
)

// Decision is what Bump decided.
type Decision struct {
	// Level is what the changes call for by semver's definitions, whatever
	// the current version: breaking is Major even before 1.0.0.
	Level Level
	// Next is the version to release, e.g. "2.0.0" or "2.0.0-rc.1".
	Next string
}
