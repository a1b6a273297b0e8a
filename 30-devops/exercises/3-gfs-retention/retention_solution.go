//go:build solution

package gfsretention

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// rule is one tier of the rotation: how many periods, and how a time
// names its period.
type rule struct {
	name   string
	count  int
	period func(t time.Time) string
}

// Retain splits backups (in any order) into those p keeps and those it
// deletes.
func Retain(backups []time.Time, p Policy) (Plan, error) {
	if p.Daily < 0 || p.Weekly < 0 || p.Monthly < 0 {
		return Plan{}, errors.New("gfsretention: counts must not be negative")
	}
	if p.Daily+p.Weekly+p.Monthly == 0 {
		return Plan{}, errors.New("gfsretention: this policy would delete every backup")
	}
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	sorted := slices.Clone(backups)
	slices.SortFunc(sorted, func(a, b time.Time) int { return b.Compare(a) }) // newest first
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Equal(sorted[i-1]) {
			return Plan{}, fmt.Errorf("gfsretention: two backups at %s", sorted[i].Format(time.RFC3339Nano))
		}
	}
	rules := []rule{
		// The date in loc, not t.Truncate(24*time.Hour): Truncate counts
		// from the zero time in UTC, and a day in loc can be 23 or 25 hours.
		{"daily", p.Daily, func(t time.Time) string { return t.In(loc).Format("2006-01-02") }},
		// ISOWeek's own year: 2024-12-30 is in 2025-W01.
		{"weekly", p.Weekly, func(t time.Time) string {
			y, w := t.In(loc).ISOWeek()
			return fmt.Sprintf("%04d-W%02d", y, w)
		}},
		{"monthly", p.Monthly, func(t time.Time) string { return t.In(loc).Format("2006-01") }},
	}
	reasons := make([][]string, len(sorted))
	for _, r := range rules {
		seen := map[string]bool{}
		for i, t := range sorted {
			if len(seen) == r.count {
				break
			}
			k := r.period(t)
			if seen[k] {
				continue // an older backup of a period already kept
			}
			seen[k] = true
			reasons[i] = append(reasons[i], r.name+" "+k)
		}
	}
	var plan Plan
	for i, t := range sorted {
		if len(reasons[i]) > 0 {
			plan.Keep = append(plan.Keep, Kept{At: t, Reasons: reasons[i]})
		} else {
			plan.Delete = append(plan.Delete, t)
		}
	}
	return plan, nil
}
