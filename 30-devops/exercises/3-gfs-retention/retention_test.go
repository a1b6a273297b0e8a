package gfsretention

import (
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on a machine without /usr/share/zoneinfo
)

const edit = "(edit exercises/3-gfs-retention/retention.go)"

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("tzdata: %v", err)
	}
	return loc
}

// kept renders the Keep list as "time: reason, reason" lines.
func kept(p Plan) []string {
	var out []string
	for _, k := range p.Keep {
		out = append(out, k.At.UTC().Format(time.RFC3339)+": "+strings.Join(k.Reasons, ", "))
	}
	return out
}

func retain(t *testing.T, backups []time.Time, p Policy) Plan {
	t.Helper()
	plan, err := Retain(backups, p)
	if err != nil {
		t.Fatalf("Retain(%d backups, %+v) = %v %s", len(backups), p, err, edit)
	}
	if len(plan.Keep)+len(plan.Delete) != len(backups) {
		t.Fatalf("Retain: %d kept + %d deleted, but %d backups were given %s", len(plan.Keep), len(plan.Delete), len(backups), edit)
	}
	var all []time.Time
	for _, k := range plan.Keep {
		all = append(all, k.At)
	}
	all = append(all, plan.Delete...)
	for _, b := range backups {
		if !slices.ContainsFunc(all, b.Equal) {
			t.Fatalf("Retain lost the backup at %s %s", b, edit)
		}
	}
	for _, list := range [][]time.Time{plan.Delete, func() (ts []time.Time) {
		for _, k := range plan.Keep {
			ts = append(ts, k.At)
		}
		return ts
	}()} {
		for i := 1; i < len(list); i++ {
			if !list[i-1].After(list[i]) {
				t.Errorf("Retain: lists must be newest first: %s before %s %s", list[i-1], list[i], edit)
			}
		}
	}
	return plan
}

func wantKept(t *testing.T, plan Plan, want []string) {
	t.Helper()
	if got := kept(plan); !slices.Equal(got, want) {
		t.Errorf("kept:\n  %s\nwant:\n  %s %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "), edit)
	}
}

// nightly returns a backup at 02:00 UTC on each of n days from first.
func nightly(first string, n int) []time.Time {
	var ts []time.Time
	for d := range n {
		ts = append(ts, at(first).AddDate(0, 0, d))
	}
	return ts
}

func TestNightlyBackups(t *testing.T) {
	backups := nightly("2026-01-01T02:00:00Z", 60) // Thu 1 January to Sun 1 March
	slices.Reverse(backups[20:40])                 // input order does not matter
	plan := retain(t, backups, Policy{Daily: 3, Weekly: 2, Monthly: 3})
	wantKept(t, plan, []string{
		"2026-03-01T02:00:00Z: daily 2026-03-01, weekly 2026-W09, monthly 2026-03",
		"2026-02-28T02:00:00Z: daily 2026-02-28, monthly 2026-02",
		"2026-02-27T02:00:00Z: daily 2026-02-27",
		"2026-02-22T02:00:00Z: weekly 2026-W08", // the newest of Mon 16 – Sun 22 February
		"2026-01-31T02:00:00Z: monthly 2026-01",
	})
	if len(plan.Delete) != 55 || !plan.Delete[0].Equal(at("2026-02-26T02:00:00Z")) || !plan.Delete[54].Equal(at("2026-01-01T02:00:00Z")) {
		t.Errorf("deleted %d, from %v to %v; want 55, from 26 February to 1 January %s", len(plan.Delete), plan.Delete[0], plan.Delete[len(plan.Delete)-1], edit)
	}
}

func TestOnlyOneRule(t *testing.T) {
	backups := nightly("2026-01-01T02:00:00Z", 60)
	wantKept(t, retain(t, backups, Policy{Monthly: 2}), []string{
		"2026-03-01T02:00:00Z: monthly 2026-03",
		"2026-02-28T02:00:00Z: monthly 2026-02",
	})
	wantKept(t, retain(t, backups, Policy{Weekly: 1}), []string{"2026-03-01T02:00:00Z: weekly 2026-W09"})
	wantKept(t, retain(t, backups, Policy{Daily: 1}), []string{"2026-03-01T02:00:00Z: daily 2026-03-01"})
}

func TestNewestOfEachPeriod(t *testing.T) {
	// Several backups a day: the newest of each day is kept, not the first.
	backups := []time.Time{
		at("2026-05-04T01:00:00Z"), at("2026-05-04T13:00:00Z"), at("2026-05-04T23:59:59Z"),
		at("2026-05-03T00:00:00Z"), at("2026-05-03T12:00:00Z"),
		at("2026-05-02T06:00:00Z"),
	}
	wantKept(t, retain(t, backups, Policy{Daily: 2}), []string{
		"2026-05-04T23:59:59Z: daily 2026-05-04",
		"2026-05-03T12:00:00Z: daily 2026-05-03",
	})
}

func TestPeriodsWithoutBackupsAreNotCounted(t *testing.T) {
	// Nothing in February, nothing between 10 and 20 March: the rule
	// counts periods that have a backup, so a gap does not eat the history.
	backups := []time.Time{
		at("2026-03-20T02:00:00Z"), at("2026-03-10T02:00:00Z"), at("2026-03-09T02:00:00Z"),
		at("2026-01-15T02:00:00Z"), at("2025-12-24T02:00:00Z"),
	}
	wantKept(t, retain(t, backups, Policy{Daily: 2, Monthly: 3}), []string{
		"2026-03-20T02:00:00Z: daily 2026-03-20, monthly 2026-03",
		"2026-03-10T02:00:00Z: daily 2026-03-10",
		"2026-01-15T02:00:00Z: monthly 2026-01",
		"2025-12-24T02:00:00Z: monthly 2025-12",
	})
	// Asking for more periods than there are keeps them all.
	if plan := retain(t, backups, Policy{Daily: 30}); len(plan.Keep) != 5 || len(plan.Delete) != 0 {
		t.Errorf("Daily 30 over 5 backups on 5 days: kept %d, deleted %d; want 5, 0 %s", len(plan.Keep), len(plan.Delete), edit)
	}
}

func TestISOWeeks(t *testing.T) {
	// ISO weeks start on Monday, and week 1 is the week with the year's
	// first Thursday: 30 December 2024 is in 2025-W01, 1 January 2021 in 2020-W53.
	backups := []time.Time{
		at("2025-01-06T02:00:00Z"), // Mon, 2025-W02
		at("2025-01-02T02:00:00Z"), // Thu, 2025-W01
		at("2024-12-30T02:00:00Z"), // Mon, 2025-W01
		at("2024-12-29T02:00:00Z"), // Sun, 2024-W52
		at("2024-12-23T02:00:00Z"), // Mon, 2024-W52
		at("2021-01-03T02:00:00Z"), // Sun, 2020-W53
		at("2021-01-01T02:00:00Z"), // Fri, 2020-W53
		at("2020-12-27T02:00:00Z"), // Sun, 2020-W52
	}
	wantKept(t, retain(t, backups, Policy{Weekly: 5}), []string{
		"2025-01-06T02:00:00Z: weekly 2025-W02",
		"2025-01-02T02:00:00Z: weekly 2025-W01",
		"2024-12-29T02:00:00Z: weekly 2024-W52",
		"2021-01-03T02:00:00Z: weekly 2020-W53",
		"2020-12-27T02:00:00Z: weekly 2020-W52",
	})
}

func TestTimeZones(t *testing.T) {
	loc := berlin(t)
	// 22:30 UTC on Sunday 1 March is 23:30 in Berlin (UTC+1), still Sunday;
	// 23:30 UTC is 00:30 on Monday 2 March there: another day, another week.
	backups := []time.Time{at("2026-03-01T23:30:00Z"), at("2026-03-01T22:30:00Z")}
	wantKept(t, retain(t, backups, Policy{Daily: 2, Weekly: 2, Location: loc}), []string{
		"2026-03-01T23:30:00Z: daily 2026-03-02, weekly 2026-W10",
		"2026-03-01T22:30:00Z: daily 2026-03-01, weekly 2026-W09",
	})
	wantKept(t, retain(t, backups, Policy{Daily: 2, Weekly: 2}), []string{ // nil Location: UTC
		"2026-03-01T23:30:00Z: daily 2026-03-01, weekly 2026-W09",
	})
	// Month ends too: 23:30 UTC on 31 March is 1 April in Berlin (UTC+2 by then).
	wantKept(t, retain(t, []time.Time{at("2026-03-31T22:30:00Z"), at("2026-03-31T21:30:00Z")}, Policy{Monthly: 2, Location: loc}), []string{
		"2026-03-31T22:30:00Z: monthly 2026-04",
		"2026-03-31T21:30:00Z: monthly 2026-03",
	})
	// The reasons name the date in the policy's calendar even when the
	// backup's own time is in another zone; At stays as it was given.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	b := at("2026-03-01T23:30:00Z").In(ny) // 18:30 on 1 March in New York
	plan := retain(t, []time.Time{b}, Policy{Daily: 1, Location: loc})
	if len(plan.Keep) != 1 || plan.Keep[0].At != b || plan.Keep[0].Reasons[0] != "daily 2026-03-02" {
		t.Errorf("Retain(one New York time, Berlin calendar) = %+v; want At unchanged and daily 2026-03-02 %s", plan.Keep, edit)
	}
}

func TestDaylightSavingDay(t *testing.T) {
	loc := berlin(t)
	// 29 March 2026 has 23 hours in Berlin (02:00 → 03:00). A day taken as
	// 24 hours from midnight UTC puts 00:30 local (23:30 UTC on the 28th)
	// on the wrong day.
	backups := []time.Time{
		time.Date(2026, 3, 29, 23, 30, 0, 0, loc), // 21:30 UTC
		time.Date(2026, 3, 29, 0, 30, 0, 0, loc),  // 23:30 UTC on the 28th
		time.Date(2026, 3, 28, 12, 0, 0, 0, loc),  // 11:00 UTC
	}
	wantKept(t, retain(t, backups, Policy{Daily: 2, Location: loc}), []string{
		"2026-03-29T21:30:00Z: daily 2026-03-29",
		"2026-03-28T11:00:00Z: daily 2026-03-28",
	})
	// And the 25-hour day in October.
	autumn := []time.Time{
		time.Date(2026, 10, 25, 23, 45, 0, 0, loc), // 22:45 UTC
		time.Date(2026, 10, 25, 0, 15, 0, 0, loc),  // 22:15 UTC on the 24th
		time.Date(2026, 10, 24, 23, 50, 0, 0, loc), // 21:50 UTC
	}
	wantKept(t, retain(t, autumn, Policy{Daily: 2, Location: loc}), []string{
		"2026-10-25T22:45:00Z: daily 2026-10-25",
		"2026-10-24T21:50:00Z: daily 2026-10-24",
	})
}

func TestRetainRejects(t *testing.T) {
	ok := []time.Time{at("2026-01-01T00:00:00Z")}
	for _, tc := range []struct {
		name    string
		backups []time.Time
		p       Policy
	}{
		{"negative daily", ok, Policy{Daily: -1, Weekly: 4}},
		{"negative weekly", ok, Policy{Daily: 7, Weekly: -1}},
		{"negative monthly", ok, Policy{Daily: 7, Monthly: -1}},
		{"keeps nothing", ok, Policy{}},
		{"negative cancels positive", ok, Policy{Daily: 1, Weekly: -1}},
		{"the newest instant twice", []time.Time{at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"), at("2026-01-02T01:00:00+01:00")}, Policy{Daily: 7}},
		{"the same instant twice", []time.Time{at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"), at("2026-01-01T01:00:00+01:00")}, Policy{Daily: 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if plan, err := Retain(tc.backups, tc.p); err == nil || strings.HasPrefix(err.Error(), "not implemented") {
				t.Errorf("Retain(%v, %+v) = %+v, %v; want an error %s", tc.backups, tc.p, plan, err, edit)
			}
		})
	}
	for _, p := range []Policy{{Daily: 1, Monthly: 1}, {Weekly: 2, Monthly: 2}, {Daily: 3, Weekly: 2, Monthly: 5}} {
		if _, err := Retain(ok, p); err != nil {
			t.Errorf("Retain(%+v) = %v, want it accepted %s", p, err, edit)
		}
	}
	plan, err := Retain(nil, Policy{Daily: 1})
	if err != nil || len(plan.Keep) != 0 || len(plan.Delete) != 0 {
		t.Errorf("Retain(no backups) = %+v, %v; want an empty plan %s", plan, err, edit)
	}
	in := []time.Time{at("2026-01-01T00:00:00Z"), at("2026-01-03T00:00:00Z"), at("2026-01-02T00:00:00Z")}
	retain(t, in, Policy{Daily: 1})
	if !in[0].Equal(at("2026-01-01T00:00:00Z")) || !in[1].Equal(at("2026-01-03T00:00:00Z")) {
		t.Errorf("Retain reordered the caller's slice: %v %s", in, edit)
	}
}
