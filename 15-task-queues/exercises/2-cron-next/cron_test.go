package cronnext

import (
	"strings"
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNext(t *testing.T) {
	berlin, ny := mustLoc(t, "Europe/Berlin"), mustLoc(t, "America/New_York")
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name, spec string
		loc        *time.Location
		after      string
		want       string
	}{
		{"ordinary day, Berlin winter", "30 2 * * *", berlin, "2026-01-10T00:00:00Z", "2026-01-10T01:30:00Z"},
		{"ordinary day, Berlin summer", "30 2 * * *", berlin, "2026-07-10T00:00:00Z", "2026-07-10T00:30:00Z"},
		{"already past today", "30 2 * * *", berlin, "2026-01-10T01:30:00Z", "2026-01-11T01:30:00Z"},
		{"spring forward: 02:30 does not exist, run at 03:00 CEST", "30 2 * * *", berlin, "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z"},
		{"day after spring forward", "30 2 * * *", berlin, "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"},
		{"fall back: first 02:30 (CEST)", "30 2 * * *", berlin, "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z"},
		{"fall back: not again at 02:30 CET", "30 2 * * *", berlin, "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"},
		{"New York spring forward", "15 2 * * *", ny, "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"},
		{"New York gap, late minute", "45 2 * * *", ny, "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"},
		{"Berlin gap, minute 59", "59 2 * * *", berlin, "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z"},
		{"boundaries accepted", "59 23 31 12 4", berlin, "2026-01-01T00:00:00Z", "2026-12-31T22:59:00Z"},
		{"Sunday is 0", "0 0 1 * 0", berlin, "2026-01-01T00:00:00Z", "2026-01-31T23:00:00Z"},
		{"lists: next of several minutes", "0,45 9 * * *", berlin, "2026-01-10T08:10:00Z", "2026-01-10T08:45:00Z"},
		{"every minute", "* * * * *", berlin, "2026-01-10T08:10:30Z", "2026-01-10T08:11:00Z"},
		{"day of month and month", "0 0 1 1 *", berlin, "2026-01-10T00:00:00Z", "2026-12-31T23:00:00Z"},
		{"weekday (Monday)", "0 8 * * 1", berlin, "2026-01-10T00:00:00Z", "2026-01-12T07:00:00Z"},
		{"last minute of a day", "59 23 * * *", berlin, "2026-01-10T00:00:00Z", "2026-01-10T22:59:00Z"},
		{"31st skips short months", "0 12 31 * *", berlin, "2026-04-01T00:00:00Z", "2026-05-31T10:00:00Z"},
		{"Saturday is 6", "0 0 * * 6", berlin, "2026-01-05T00:00:00Z", "2026-01-09T23:00:00Z"},
		{"December", "0 0 1 12 *", berlin, "2026-01-05T00:00:00Z", "2026-11-30T23:00:00Z"},
	} {
		got, err := Next(tc.spec, utc(tc.after), tc.loc)
		if err != nil || !got.Equal(utc(tc.want)) {
			t.Errorf("%s: Next(%q, %s) = %s, %v; want %s", tc.name, tc.spec, tc.after, got.UTC().Format(time.RFC3339), err, tc.want)
		}
	}
}

func TestNextBadSpecs(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	for _, tc := range []struct{ spec, names string }{
		{"", ""}, {"30 2 * *", ""}, {"30 2 * * * *", ""}, {"0 0 30 2 *", ""},
		{"60 2 * * *", "60"}, {"-1 2 * * *", "-1"}, {"0 24 * * *", "24"}, {"0 -1 * * *", "-1"},
		{"0 0 0 * *", "0"}, {"0 0 32 * *", "32"}, {"0 0 * 13 *", "13"}, {"0 0 * 0 *", "0"},
		{"0 0 * * 7", "7"}, {"0 0 * * -1", "-1"}, {"x 2 * * *", "x"}, {"0,a 2 * * *", "a"},
	} {
		got, err := Next(tc.spec, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), berlin)
		if err == nil || strings.Contains(err.Error(), "not implemented") || !got.IsZero() {
			t.Errorf("Next(%q) = %v, %v; want the zero time and an error", tc.spec, got, err)
		} else if tc.names != "" && !strings.Contains(err.Error(), `"`+tc.names+`"`) {
			t.Errorf("Next(%q) error %q does not quote the bad value %q", tc.spec, err, tc.names)
		}
	}
	if _, err := Next("59 23 31 12 4", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), berlin); err != nil {
		t.Errorf("a rare but real date (Thursday 31 December): %v", err)
	}
}
