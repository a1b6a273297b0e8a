//go:build solution

// Package cronnext computes a cron schedule's next run in a time zone.
package cronnext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// field parses one cron field: "*" (nil: any) or a comma list of numbers in [lo, hi].
func field(s string, lo, hi int) (map[int]bool, error) {
	if s == "*" {
		return nil, nil
	}
	set := map[int]bool{}
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(p)
		if err != nil || n < lo || n > hi {
			return nil, fmt.Errorf("%q is not a number in %d-%d", p, lo, hi)
		}
		set[n] = true
	}
	return set, nil
}

func match(set map[int]bool, v int) bool { return set == nil || set[v] }

// Next returns the first run of spec strictly after after, in loc.
func Next(spec string, after time.Time, loc *time.Location) (time.Time, error) {
	parts := strings.Fields(spec)
	if len(parts) != 5 {
		return time.Time{}, fmt.Errorf("spec %q has %d fields, want five", spec, len(parts))
	}
	limits := [5][2]int{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}}
	var sets [5]map[int]bool
	for i, p := range parts {
		s, err := field(p, limits[i][0], limits[i][1])
		if err != nil {
			return time.Time{}, err
		}
		sets[i] = s
	}
	local := after.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	for i := 0; i < 366*5; i++ {
		d := day.AddDate(0, 0, i)
		if !match(sets[2], d.Day()) || !match(sets[3], int(d.Month())) || !match(sets[4], int(d.Weekday())) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !match(sets[1], h) {
				continue
			}
			for m := 0; m < 60; m++ {
				if !match(sets[0], m) {
					continue
				}
				t := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
				if t.Hour() != h {
					// In a spring-forward gap: run when the gap ends, the
					// zone transition on whichever side Go normalized to.
					start, end := t.ZoneBounds()
					if t.Hour() < h {
						t = end
					} else {
						t = start
					}
				} else if e := t.Add(-time.Hour); e.Hour() == h && e.Minute() == m {
					t = e // a fall-back repeat: the first occurrence only
				}
				if t.After(after) {
					return t, nil
				}
			}
		}
	}
	return time.Time{}, errors.New("the spec never matches a date")
}
