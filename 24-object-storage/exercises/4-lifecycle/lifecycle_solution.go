//go:build solution

package lifecycle

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Due is when an action set for days after t becomes due: t plus days,
// rounded up to the next midnight UTC.
func Due(t time.Time, days int) time.Time {
	d := t.UTC().AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, time.UTC)
}

func invalid(r Rule, format string, args ...any) error {
	return fmt.Errorf("%w %q: %s", ErrInvalidRule, r.ID, fmt.Sprintf(format, args...))
}

// Validate reports the first invalid rule, wrapping ErrInvalidRule.
func Validate(rules []Rule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		switch {
		case r.ID == "" || seen[r.ID]:
			return invalid(r, "every rule needs an ID of its own")
		case r.ExpirationDays < 0 || r.NoncurrentDays < 0:
			return invalid(r, "days must not be negative")
		case r.NewerNoncurrentVersions < 0 || r.NewerNoncurrentVersions > 100:
			return invalid(r, "NewerNoncurrentVersions must be 0 to 100")
		case r.NewerNoncurrentVersions > 0 && r.NoncurrentDays == 0:
			return invalid(r, "NewerNoncurrentVersions needs NoncurrentDays")
		case r.ExpiredObjectDeleteMarker && (r.ExpirationDays > 0 || len(r.Filter.Tags) > 0):
			return invalid(r, "ExpiredObjectDeleteMarker cannot be combined with ExpirationDays or a tag filter")
		case r.ExpirationDays == 0 && !r.ExpiredObjectDeleteMarker && len(r.Transitions) == 0 && r.NoncurrentDays == 0 && len(r.NoncurrentTransitions) == 0:
			return invalid(r, "a rule needs at least one action")
		}
		seen[r.ID] = true
		if err := validTransitions(r, r.Transitions, r.ExpirationDays); err != nil {
			return err
		}
		if err := validTransitions(r, r.NoncurrentTransitions, r.NoncurrentDays); err != nil {
			return err
		}
	}
	return nil
}

// validTransitions checks one list of transitions: known colder classes,
// each once, colder ones later, all before the expiration (0: none).
func validTransitions(r Rule, ts []Transition, expiration int) error {
	lastRank, lastDays := 0, -1
	for _, t := range sortedTransitions(ts) {
		rank := slices.Index(Classes, t.Class)
		switch {
		case rank < 1:
			return invalid(r, "cannot transition to %q", t.Class)
		case t.Days < 0:
			return invalid(r, "transition days must not be negative")
		case t.Class == StandardIA && t.Days < 30:
			return invalid(r, "STANDARD_IA needs at least 30 days")
		case rank == lastRank:
			return invalid(r, "two transitions to %s", t.Class)
		case t.Days <= lastDays:
			return invalid(r, "a colder class must come later: %s at %d days", t.Class, t.Days)
		case expiration > 0 && expiration <= t.Days:
			return invalid(r, "expiration must come after every transition")
		}
		lastRank, lastDays = rank, t.Days
	}
	return nil
}

// sortedTransitions orders transitions from the warmest class to the coldest.
func sortedTransitions(ts []Transition) []Transition {
	out := slices.Clone(ts)
	slices.SortStableFunc(out, func(a, b Transition) int {
		return slices.Index(Classes, a.Class) - slices.Index(Classes, b.Class)
	})
	return out
}

func (f Filter) matches(v Version) bool {
	if !strings.HasPrefix(v.Key, f.Prefix) {
		return false
	}
	for k, want := range f.Tags {
		if got, ok := v.Tags[k]; !ok || got != want {
			return false
		}
	}
	return true
}

// priority orders kinds when several rules apply to one version:
// permanent deletion, then transition, then a delete marker.
func priority(kind string) int {
	switch kind {
	case Delete, RemoveMarker:
		return 3
	case Move:
		return 2
	}
	return 1
}

// better reports whether a should win over b for the same version.
func better(a, b Action) bool {
	if priority(a.Kind) != priority(b.Kind) {
		return priority(a.Kind) > priority(b.Kind)
	}
	return a.Kind == Move && slices.Index(Classes, a.Class) > slices.Index(Classes, b.Class)
}

// Evaluate returns the actions due at now, at most one per version, in
// the order of versions.
func Evaluate(rules []Rule, versions []Version, now time.Time) ([]Action, error) {
	if err := Validate(rules); err != nil {
		return nil, err
	}
	// For each key: how many versions it has, and its noncurrent
	// versions' times, to rank them newest first.
	count := map[string]int{}
	noncurrent := map[string][]time.Time{}
	for _, v := range versions {
		count[v.Key]++
		if !v.Latest {
			noncurrent[v.Key] = append(noncurrent[v.Key], v.NoncurrentSince)
		}
	}
	var out []Action
	for _, v := range versions {
		var best *Action
		offer := func(a Action) {
			if best == nil || better(a, *best) {
				best = &a
			}
		}
		for _, r := range rules {
			if !r.Enabled || !r.Filter.matches(v) {
				continue
			}
			act := Action{Key: v.Key, VersionID: v.ID, Rule: r.ID}
			switch {
			case v.Latest && v.DeleteMarker:
				if r.ExpiredObjectDeleteMarker && count[v.Key] == 1 {
					act.Kind = RemoveMarker
					offer(act)
				}
			case v.Latest:
				if r.ExpirationDays > 0 && !now.Before(Due(v.Created, r.ExpirationDays)) {
					act.Kind = Expire
					offer(act)
				}
				for _, t := range r.Transitions {
					if colder(t.Class, v.Class) && !now.Before(Due(v.Created, t.Days)) {
						act.Kind, act.Class = Move, t.Class
						offer(act)
					}
				}
			default:
				if r.NoncurrentDays > 0 && !now.Before(Due(v.NoncurrentSince, r.NoncurrentDays)) &&
					newer(noncurrent[v.Key], v.NoncurrentSince) >= r.NewerNoncurrentVersions {
					act.Kind = Delete
					offer(act)
				}
				for _, t := range r.NoncurrentTransitions {
					if !v.DeleteMarker && colder(t.Class, v.Class) && !now.Before(Due(v.NoncurrentSince, t.Days)) {
						act.Kind, act.Class = Move, t.Class
						offer(act)
					}
				}
			}
		}
		if best != nil {
			out = append(out, *best)
		}
	}
	return out, nil
}

// colder reports whether class to is colder than from ("" is Standard).
func colder(to, from string) bool {
	if from == "" {
		from = Standard
	}
	return slices.Index(Classes, to) > slices.Index(Classes, from)
}

// newer counts the noncurrent versions that became noncurrent after t.
func newer(times []time.Time, t time.Time) int {
	n := 0
	for _, u := range times {
		if u.After(t) {
			n++
		}
	}
	return n
}
