package lifecycle

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const where = "(edit exercises/4-lifecycle/lifecycle.go)"

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDue(t *testing.T) {
	paris := time.FixedZone("+02", 2*3600)
	for _, c := range []struct {
		t    time.Time
		days int
		want time.Time
	}{
		{day("2014-01-15 10:30"), 3, day("2014-01-19 00:00")}, // the AWS documentation's example
		{day("2026-01-31 23:59"), 0, day("2026-02-01 00:00")},
		{day("2026-03-01 00:00"), 1, day("2026-03-03 00:00")}, // "the next day midnight", even from a midnight
		{day("2024-02-28 12:00"), 1, day("2024-03-01 00:00")}, // a leap year
		{day("2026-01-20 08:00"), 30, day("2026-02-20 00:00")},
		{day("2026-12-31 12:00"), 365, day("2028-01-01 00:00")},
		{time.Date(2026, 3, 1, 1, 0, 0, 0, paris), 1, day("2026-03-02 00:00")}, // 2026-02-28 23:00 UTC
	} {
		got := Due(c.t, c.days)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("Due(%s, %d) = %s, want %s (UTC) %s", c.t, c.days, got, c.want, where)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := func(r Rule) Rule { r.ID, r.Enabled = "r", true; return r }
	valid := [][]Rule{
		nil,
		{ok(Rule{ExpirationDays: 1})},
		{ok(Rule{ExpiredObjectDeleteMarker: true, Filter: Filter{Prefix: "tmp/"}})},
		{ok(Rule{NoncurrentDays: 1, NewerNoncurrentVersions: 100})},
		{ok(Rule{NoncurrentTransitions: []Transition{{0, Glacier}}})},
		{ok(Rule{Transitions: []Transition{{0, GlacierIR}}})},
		{ok(Rule{Transitions: []Transition{{365, DeepArchive}, {30, StandardIA}, {90, Glacier}}, ExpirationDays: 366})},
		{ok(Rule{Transitions: []Transition{{30, StandardIA}}, ExpirationDays: 31})},
		{ok(Rule{NoncurrentTransitions: []Transition{{30, StandardIA}}, NoncurrentDays: 31})},
		{{ID: "a", ExpirationDays: 1}, {ID: "b", ExpirationDays: 1}}, // disabled rules are valid too
	}
	for _, rules := range valid {
		if err := Validate(rules); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil %s", rules, err, where)
		}
	}
	invalid := map[string][]Rule{
		"no ID":                           {{ExpirationDays: 1}},
		"two rules with one ID":           {ok(Rule{ExpirationDays: 1}), ok(Rule{ExpirationDays: 2})},
		"no action":                       {ok(Rule{Filter: Filter{Prefix: "a"}})},
		"negative expiration":             {ok(Rule{ExpirationDays: -1})},
		"negative noncurrent days":        {ok(Rule{NoncurrentDays: -1, ExpirationDays: 1})},
		"keep 101 versions":               {ok(Rule{NoncurrentDays: 1, NewerNoncurrentVersions: 101})},
		"keep -1 versions":                {ok(Rule{NoncurrentDays: 1, NewerNoncurrentVersions: -1})},
		"keep versions, no days":          {ok(Rule{ExpirationDays: 5, NewerNoncurrentVersions: 1})},
		"marker with days":                {ok(Rule{ExpiredObjectDeleteMarker: true, ExpirationDays: 1})},
		"marker with a tag filter":        {ok(Rule{ExpiredObjectDeleteMarker: true, Filter: Filter{Tags: map[string]string{"a": "b"}}})},
		"to STANDARD":                     {ok(Rule{Transitions: []Transition{{30, Standard}}})},
		"to an unknown class":             {ok(Rule{Transitions: []Transition{{30, "COLD"}}})},
		"negative transition days":        {ok(Rule{Transitions: []Transition{{-1, Glacier}}})},
		"IA before 30 days":               {ok(Rule{Transitions: []Transition{{29, StandardIA}}})},
		"two transitions to one class":    {ok(Rule{Transitions: []Transition{{40, Glacier}, {50, Glacier}}})},
		"colder but sooner":               {ok(Rule{Transitions: []Transition{{90, StandardIA}, {60, Glacier}}})},
		"colder on the same day":          {ok(Rule{Transitions: []Transition{{90, StandardIA}, {90, Glacier}}})},
		"expiration on a transition day":  {ok(Rule{Transitions: []Transition{{30, Glacier}}, ExpirationDays: 30})},
		"expiration before a transition":  {ok(Rule{Transitions: []Transition{{30, Glacier}}, ExpirationDays: 10})},
		"expiration on day 1 with a move": {ok(Rule{Transitions: []Transition{{1, Glacier}}, ExpirationDays: 1})},
		"noncurrent 1 day with a move":    {ok(Rule{NoncurrentTransitions: []Transition{{1, Glacier}}, NoncurrentDays: 1})},
		"noncurrent IA before 30 days":    {ok(Rule{NoncurrentTransitions: []Transition{{10, StandardIA}}})},
		"noncurrent, deleted before move": {ok(Rule{NoncurrentTransitions: []Transition{{10, Glacier}}, NoncurrentDays: 10})},
		"noncurrent to STANDARD":          {ok(Rule{NoncurrentTransitions: []Transition{{10, Standard}}})},
		"a bad rule after a good one":     {{ID: "a", ExpirationDays: 1}, {ID: "b", ExpirationDays: -1}},
	}
	for name, rules := range invalid {
		if err := Validate(rules); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("Validate(%s: %+v) = %v, want ErrInvalidRule %s", name, rules, err, where)
		}
		if acts, err := Evaluate(rules, []Version{{Key: "a", ID: "1", Latest: true}}, day("2030-01-01 00:00")); !errors.Is(err, ErrInvalidRule) || acts != nil {
			t.Errorf("Evaluate with %s = %v, %v; want nil, ErrInvalidRule %s", name, acts, err, where)
		}
	}
}

// run evaluates and compares the actions as "key/version kind[:class] by rule".
func run(t *testing.T, name string, rules []Rule, versions []Version, now time.Time, want ...string) {
	t.Helper()
	acts, err := Evaluate(rules, versions, now)
	if err != nil {
		t.Fatalf("%s: Evaluate error %v %s", name, err, where)
	}
	var got []string
	for _, a := range acts {
		s := a.Key + "/" + a.VersionID + " " + a.Kind
		if a.Class != "" {
			s += ":" + a.Class
		}
		got = append(got, s+" by "+a.Rule)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s at %s:\n got %q\nwant %q %s", name, now.Format("2006-01-02 15:04"), got, want, where)
	}
}

func current(key string, created string, tags ...string) Version {
	v := Version{Key: key, ID: "cur", Latest: true, Created: day(created), Tags: map[string]string{}}
	for i := 0; i+1 < len(tags); i += 2 {
		v.Tags[tags[i]] = tags[i+1]
	}
	return v
}

func TestExpirationAndFilters(t *testing.T) {
	rules := []Rule{{ID: "logs", Enabled: true, Filter: Filter{Prefix: "logs/"}, ExpirationDays: 30}}
	vs := []Version{
		current("logs/a", "2026-01-01 10:00"),
		current("logsX/b", "2026-01-01 10:00"),
		current("logs/c", "2026-01-02 10:00"),
	}
	run(t, "one day before", rules, vs, day("2026-01-31 23:59"))
	run(t, "due", rules, vs, day("2026-02-01 00:00"), "logs/a/cur Expire by logs")
	run(t, "both due", rules, vs, day("2026-02-02 00:00"), "logs/a/cur Expire by logs", "logs/c/cur Expire by logs")
	rules[0].Enabled = false
	run(t, "disabled", rules, vs, day("2027-01-01 00:00"))
	all := []Rule{{ID: "all", Enabled: true, ExpirationDays: 30}}
	run(t, "empty filter", all, vs, day("2026-02-02 00:00"), "logs/a/cur Expire by all", "logsX/b/cur Expire by all", "logs/c/cur Expire by all")
	marker := Version{Key: "logs/d", ID: "dm", Latest: true, DeleteMarker: true, Created: day("2026-01-01 00:00")}
	old := Version{Key: "logs/d", ID: "v1", NoncurrentSince: day("2026-01-01 00:00"), Created: day("2025-01-01 00:00")}
	run(t, "a delete marker does not expire", all, []Version{marker, old}, day("2027-01-01 00:00"))
}

func TestTagFilters(t *testing.T) {
	rules := []Rule{{ID: "temp", Enabled: true, ExpirationDays: 1, Filter: Filter{Prefix: "u/", Tags: map[string]string{"class": "temp", "team": "a"}}}}
	vs := []Version{
		current("u/1", "2026-01-01 10:00", "class", "temp", "team", "a", "extra", "x"),
		current("u/2", "2026-01-01 10:00", "class", "temp"),
		current("u/3", "2026-01-01 10:00", "class", "temp", "team", "b"),
		current("v/4", "2026-01-01 10:00", "class", "temp", "team", "a"),
		current("u/5", "2026-01-01 10:00"),
	}
	run(t, "every tag must match", rules, vs, day("2026-01-03 00:00"), "u/1/cur Expire by temp")
	empty := []Rule{{ID: "e", Enabled: true, ExpirationDays: 1, Filter: Filter{Tags: map[string]string{"k": ""}}}}
	run(t, "a tag with an empty value", empty, []Version{current("a", "2026-01-01 10:00", "k", ""), current("b", "2026-01-01 10:00")},
		day("2026-01-03 00:00"), "a/cur Expire by e")
}

func TestTransitions(t *testing.T) {
	rules := []Rule{{ID: "tier", Enabled: true, Transitions: []Transition{{365, DeepArchive}, {30, StandardIA}, {90, Glacier}}}}
	at := func(class string) Version {
		v := current("k", "2026-01-01 12:00")
		v.Class = class
		return v
	}
	c := day("2026-01-01 12:00")
	for _, tc := range []struct {
		class string
		now   time.Time
		want  []string
	}{
		{"", Due(c, 30).Add(-time.Minute), nil},
		{"", Due(c, 30), []string{"k/cur Transition:STANDARD_IA by tier"}},
		{Standard, Due(c, 30), []string{"k/cur Transition:STANDARD_IA by tier"}},
		{StandardIA, Due(c, 30), nil},
		{"", Due(c, 90), []string{"k/cur Transition:GLACIER by tier"}}, // straight to the coldest due
		{StandardIA, Due(c, 90), []string{"k/cur Transition:GLACIER by tier"}},
		{Glacier, Due(c, 90), nil},
		{GlacierIR, Due(c, 90), []string{"k/cur Transition:GLACIER by tier"}},
		{Glacier, Due(c, 365), []string{"k/cur Transition:DEEP_ARCHIVE by tier"}},
		{DeepArchive, Due(c, 400), nil}, // never back to a warmer class
	} {
		run(t, "class "+tc.class, rules, []Version{at(tc.class)}, tc.now, tc.want...)
	}
	nc := Version{Key: "k", ID: "old", NoncurrentSince: day("2026-01-01 12:00"), Created: day("2025-01-01 12:00")}
	run(t, "noncurrent versions follow only NoncurrentTransitions", rules, []Version{nc}, day("2027-06-01 00:00"))
}

func TestConflicts(t *testing.T) {
	v := current("k", "2026-01-01 12:00")
	c := v.Created
	expire60 := Rule{ID: "expire60", Enabled: true, ExpirationDays: 60}
	expire30 := Rule{ID: "expire30", Enabled: true, ExpirationDays: 30}
	glacier30 := Rule{ID: "glacier30", Enabled: true, Transitions: []Transition{{30, Glacier}}}
	ia30 := Rule{ID: "ia30", Enabled: true, Transitions: []Transition{{30, StandardIA}}}
	run(t, "the shorter expiration", []Rule{expire60, expire30}, []Version{v}, Due(c, 45), "k/cur Expire by expire30")
	run(t, "both expirations due: the first rule", []Rule{expire60, expire30}, []Version{v}, Due(c, 70), "k/cur Expire by expire60")
	run(t, "transition before a delete marker", []Rule{expire60, glacier30}, []Version{v}, Due(c, 60), "k/cur Transition:GLACIER by glacier30")
	run(t, "transition before a delete marker, rules swapped", []Rule{glacier30, expire60}, []Version{v}, Due(c, 60), "k/cur Transition:GLACIER by glacier30")
	inGlacier := v
	inGlacier.Class = Glacier
	run(t, "already moved: the marker", []Rule{expire60, glacier30}, []Version{inGlacier}, Due(c, 60), "k/cur Expire by expire60")
	run(t, "the colder transition", []Rule{ia30, glacier30}, []Version{v}, Due(c, 30), "k/cur Transition:GLACIER by glacier30")
	run(t, "the colder transition, rules swapped", []Rule{glacier30, ia30}, []Version{v}, Due(c, 30), "k/cur Transition:GLACIER by glacier30")
	ia30b := Rule{ID: "ia30b", Enabled: true, Transitions: []Transition{{30, StandardIA}}}
	run(t, "the same transition twice: the first rule", []Rule{ia30, ia30b}, []Version{v}, Due(c, 30), "k/cur Transition:STANDARD_IA by ia30")

	nc := Version{Key: "k", ID: "old", NoncurrentSince: day("2026-01-01 12:00"), Created: day("2025-01-01 12:00")}
	n := nc.NoncurrentSince
	move := Rule{ID: "move", Enabled: true, NoncurrentTransitions: []Transition{{5, Glacier}}}
	del := Rule{ID: "del", Enabled: true, NoncurrentDays: 10}
	run(t, "noncurrent: moved first", []Rule{move, del}, []Version{nc}, Due(n, 5), "k/old Transition:GLACIER by move")
	run(t, "deletion before transition", []Rule{move, del}, []Version{nc}, Due(n, 10), "k/old Delete by del")
	run(t, "deletion before transition, rules swapped", []Rule{del, move}, []Version{nc}, Due(n, 10), "k/old Delete by del")
}

func TestNoncurrentVersions(t *testing.T) {
	vs := []Version{
		{Key: "doc", ID: "v1", Created: day("2026-01-01 09:00"), NoncurrentSince: day("2026-01-10 09:00")},
		{Key: "doc", ID: "v2", Created: day("2026-01-10 09:00"), NoncurrentSince: day("2026-01-20 09:00")},
		{Key: "doc", ID: "dm", Created: day("2026-01-20 09:00"), NoncurrentSince: day("2026-01-25 09:00"), DeleteMarker: true},
		{Key: "doc", ID: "v3", Created: day("2026-01-25 09:00"), NoncurrentSince: day("2026-02-01 09:00")},
		{Key: "doc", ID: "v4", Created: day("2026-02-01 09:00"), Latest: true},
	}
	rule := func(keep int) []Rule {
		return []Rule{{ID: fmt.Sprint("keep", keep), Enabled: true, NoncurrentDays: 10, NewerNoncurrentVersions: keep}}
	}
	run(t, "keep none", rule(0), vs, day("2026-02-15 00:00"), "doc/v1 Delete by keep0", "doc/v2 Delete by keep0", "doc/dm Delete by keep0", "doc/v3 Delete by keep0")
	run(t, "keep the newest", rule(1), vs, day("2026-02-15 00:00"), "doc/v1 Delete by keep1", "doc/v2 Delete by keep1", "doc/dm Delete by keep1")
	run(t, "keep two", rule(2), vs, day("2026-02-15 00:00"), "doc/v1 Delete by keep2", "doc/v2 Delete by keep2")
	run(t, "keep four", rule(4), vs, day("2027-01-01 00:00"))
	run(t, "due exactly at midnight", rule(0), vs, day("2026-01-31 00:00"), "doc/v1 Delete by keep0", "doc/v2 Delete by keep0")
	run(t, "a minute before", rule(0), vs, day("2026-01-30 23:59"), "doc/v1 Delete by keep0")
	// Noncurrent transitions skip delete markers (they have no bytes).
	moveRule := []Rule{{ID: "m", Enabled: true, NoncurrentTransitions: []Transition{{1, Glacier}}}}
	run(t, "noncurrent transitions", moveRule, vs, day("2026-01-27 00:00"), "doc/v1 Transition:GLACIER by m", "doc/v2 Transition:GLACIER by m")
	vs[0].Class = Glacier
	run(t, "noncurrent, already cold", moveRule, vs, day("2026-01-27 00:00"), "doc/v2 Transition:GLACIER by m")
	// Other keys' versions do not count as newer.
	other := []Version{
		{Key: "zzz", ID: "x1", Created: day("2025-12-01 09:00"), NoncurrentSince: day("2026-01-01 09:00")},
		{Key: "zzz", ID: "x2", Created: day("2026-01-01 09:00"), NoncurrentSince: day("2026-01-05 09:00")},
		{Key: "zzz", ID: "x3", Created: day("2026-01-05 09:00"), Latest: true},
		vs[3], vs[4],
	}
	run(t, "only the key's own versions count", rule(1), other, day("2026-03-20 00:00"), "zzz/x1 Delete by keep1")
}

func TestExpiredObjectDeleteMarkers(t *testing.T) {
	rules := []Rule{{ID: "markers", Enabled: true, ExpiredObjectDeleteMarker: true, Filter: Filter{Prefix: "tmp/"}}}
	lone := Version{Key: "tmp/gone", ID: "dm", Latest: true, DeleteMarker: true, Created: day("2026-01-01 00:00")}
	shadowing := Version{Key: "tmp/kept", ID: "dm", Latest: true, DeleteMarker: true, Created: day("2026-01-01 00:00")}
	behind := Version{Key: "tmp/kept", ID: "v1", Created: day("2025-01-01 00:00"), NoncurrentSince: day("2026-01-01 00:00")}
	outside := Version{Key: "var/gone", ID: "dm", Latest: true, DeleteMarker: true, Created: day("2026-01-01 00:00")}
	live := current("tmp/live", "2020-01-01 00:00")
	now := day("2026-01-01 00:01")
	run(t, "lone markers", rules, []Version{lone, shadowing, behind, outside, live}, now, "tmp/gone/dm RemoveMarker by markers")
	rules[0].Enabled = false
	run(t, "disabled", rules, []Version{lone}, now)
	many := []Version{lone, shadowing, behind, outside}
	expire := []Rule{{ID: "e", Enabled: true, ExpirationDays: 1, NoncurrentDays: 1}}
	run(t, "ExpirationDays does not remove markers", expire, many, day("2027-01-01 00:00"), "tmp/kept/v1 Delete by e")
}

func TestOrderFollowsTheVersions(t *testing.T) {
	rules := []Rule{{ID: "all", Enabled: true, ExpirationDays: 1}}
	var vs []Version
	var want []string
	for _, k := range strings.Fields("m a z b") {
		vs = append(vs, current(k, "2026-01-01 00:00"))
		want = append(want, k+"/cur Expire by all")
	}
	run(t, "order", rules, vs, day("2026-02-01 00:00"), want...)
	if acts, err := Evaluate(rules, nil, day("2026-02-01 00:00")); err != nil || len(acts) != 0 {
		t.Errorf("Evaluate with no versions = %v, %v; want none, nil %s", acts, err, where)
	}
}
