// Package semverbump is exercise 2 of chapter 30: the next release version
// from the conventional commits since the last one, as release tools
// (semantic-release, release-please) compute it.
package semverbump

import "errors"

// ErrNoRelease is returned when no commit since the last release calls for
// one (only docs, chores, refactors…).
var ErrNoRelease = errors.New("semverbump: no commit calls for a release")
