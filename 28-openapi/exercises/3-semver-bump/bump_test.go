package semverbump

import (
	"strings"
	"testing"
)

var (
	fix      = Change{Summary: "a description corrected"}
	feature  = Change{Summary: "GET /tags added", Feature: true}
	breaking = Change{Summary: "visibility removed from Bookmark", Breaking: true}
	// breakingFeature: a change can be both; breaking wins.
	breakingFeature = Change{Summary: "limit now required, with a new maximum", Breaking: true, Feature: true}
)

func TestBump(t *testing.T) {
	tests := []struct {
		current string
		changes []Change
		pre     string
		level   Level
		next    string
	}{
		// 1.0.0 and later: §6, §7, §8.
		{"1.4.2", []Change{fix}, "", Patch, "1.4.3"},
		{"1.4.2", []Change{feature}, "", Minor, "1.5.0"},
		{"1.4.2", []Change{breaking}, "", Major, "2.0.0"},
		{"1.4.2", []Change{breakingFeature}, "", Major, "2.0.0"},
		{"1.4.2", []Change{fix, feature, fix}, "", Minor, "1.5.0"},
		{"1.4.2", []Change{feature, breaking, fix}, "", Major, "2.0.0"},
		{"1.4.2", []Change{breaking, feature}, "", Major, "2.0.0"},
		{"1.4.2", []Change{fix, fix}, "", Patch, "1.4.3"},
		{"9.9.9", []Change{feature}, "", Minor, "9.10.0"},
		{"1.0.0", []Change{breaking}, "", Major, "2.0.0"},
		{"1.4.2+build.7", []Change{fix}, "", Patch, "1.4.3"},
		{"10.20.30", []Change{fix}, "", Patch, "10.20.31"},

		// 0.y.z: the minor number plays the major's part.
		{"0.3.1", []Change{breaking}, "", Major, "0.4.0"},
		{"0.3.1", []Change{feature}, "", Minor, "0.3.2"},
		{"0.3.1", []Change{fix}, "", Patch, "0.3.2"},
		{"0.0.3", []Change{breaking}, "", Major, "0.1.0"},
		{"0.9.0", []Change{breaking}, "", Major, "0.10.0"},

		// From a pre-release: it already stands for its release when that is bump enough.
		{"2.0.0-rc.1", []Change{breaking}, "", Major, "2.0.0"},
		{"2.0.0-rc.1", []Change{feature}, "", Minor, "2.0.0"},
		{"2.0.0-rc.1", []Change{fix}, "", Patch, "2.0.0"},
		{"1.2.0-beta.2", []Change{breaking}, "", Major, "2.0.0"},
		{"1.2.0-beta.2", []Change{feature}, "", Minor, "1.2.0"},
		{"1.2.0-beta.2", []Change{fix}, "", Patch, "1.2.0"},
		{"1.2.3-beta", []Change{breaking}, "", Major, "2.0.0"},
		{"1.2.3-beta", []Change{feature}, "", Minor, "1.3.0"},
		{"1.2.3-beta", []Change{fix}, "", Patch, "1.2.3"},
		{"1.0.0-alpha+exp.sha.5114f85", []Change{breaking}, "", Major, "1.0.0"},
		{"0.3.0-rc.1", []Change{breaking}, "", Major, "0.3.0"},
		{"0.3.1-rc.1", []Change{breaking}, "", Major, "0.4.0"},
		{"0.3.1-rc.1", []Change{feature}, "", Minor, "0.3.1"},
		{"1.2.3-0a", []Change{fix}, "", Patch, "1.2.3"},
		{"1.2.3-0", []Change{fix}, "", Patch, "1.2.3"},
		{"1.2.3-rc.0.0", []Change{fix}, "", Patch, "1.2.3"},

		// Asking for a pre-release of the next version.
		{"1.4.2", []Change{breaking}, "rc", Major, "2.0.0-rc.1"},
		{"1.4.2", []Change{feature}, "beta", Minor, "1.5.0-beta.1"},
		{"0.3.1", []Change{breaking}, "beta", Major, "0.4.0-beta.1"},
		{"2.0.0-rc.1", []Change{breaking}, "rc", Major, "2.0.0-rc.2"},
		{"2.0.0-rc.9", []Change{fix}, "rc", Patch, "2.0.0-rc.10"},
		{"2.0.0-beta.3", []Change{fix}, "rc", Patch, "2.0.0-rc.1"},
		{"2.0.0-rc", []Change{fix}, "rc", Patch, "2.0.0-rc.1"},
		{"2.0.0-1", []Change{fix}, "rc", Patch, "2.0.0-rc.1"},
		{"2.0.0-10", []Change{fix}, "a", Patch, "2.0.0-a.1"},
		{"2.0.0-rc.0", []Change{fix}, "rc", Patch, "2.0.0-rc.1"},
		{"2.0.0-beta.5", []Change{fix}, "beta-2", Patch, "2.0.0-beta-2.1"},
		{"2.0.0-RC.4", []Change{fix}, "rc", Patch, "2.0.0-rc.1"},
		{"1.2.0-rc.1", []Change{feature}, "rc", Minor, "1.2.0-rc.2"},
		{"1.2.0-rc.1", []Change{breaking}, "rc", Major, "2.0.0-rc.1"},
		{"1.2.3-rc.1", []Change{feature}, "rc", Minor, "1.3.0-rc.1"},
		{"1.4.2", []Change{fix}, "pre-2", Patch, "1.4.3-pre-2.1"},
	}
	for _, tc := range tests {
		got, err := Bump(tc.current, tc.changes, tc.pre)
		if err != nil {
			t.Errorf("Bump(%q, %d changes, %q): %v", tc.current, len(tc.changes), tc.pre, err)
			continue
		}
		if got.Level != tc.level || got.Next != tc.next {
			t.Errorf("Bump(%q, %v, %q) = %s %s, want %s %s", tc.current, tc.changes, tc.pre, got.Level, got.Next, tc.level, tc.next)
		}
	}
}

func TestBumpRejects(t *testing.T) {
	tests := []struct {
		why, current string
		changes      []Change
		pre          string
	}{
		{"no changes", "1.0.0", nil, ""},
		{"a v prefix (semver FAQ: v1.2.3 is not a semantic version)", "v1.2.3", []Change{fix}, ""},
		{"two parts", "1.2", []Change{fix}, ""},
		{"four parts", "1.2.3.4", []Change{fix}, ""},
		{"empty", "", []Change{fix}, ""},
		{"leading zero in major", "01.2.3", []Change{fix}, ""},
		{"leading zero in minor", "1.02.3", []Change{fix}, ""},
		{"leading zero in patch", "1.2.03", []Change{fix}, ""},
		{"negative", "1.-2.3", []Change{fix}, ""},
		{"letters", "a.b.c", []Change{fix}, ""},
		{"too large", "99999999999999999999.0.0", []Change{fix}, ""},
		{"empty pre-release", "1.2.3-", []Change{fix}, ""},
		{"empty pre-release identifier", "1.2.3-rc..1", []Change{fix}, ""},
		{"leading zero in a numeric identifier", "1.2.3-rc.01", []Change{fix}, ""},
		{"bad character", "1.2.3-rc_1", []Change{fix}, ""},
		{"empty build metadata", "1.2.3+", []Change{fix}, ""},
		{"space", "1.2.3 ", []Change{fix}, ""},
		{"pre label with a dot", "1.2.3", []Change{fix}, "rc.1"},
		{"pre label with a space", "1.2.3", []Change{fix}, "r c"},
		{"numeric pre label", "1.2.3", []Change{fix}, "7"},
		{"pre label backwards: alpha after rc", "2.0.0-rc.2", []Change{fix}, "alpha"},
		{"pre label backwards: rc.1 after rc.x", "2.0.0-rc.x", []Change{fix}, "rc"},
		{"pre label backwards: rc.1 after rc.1.5", "2.0.0-rc.1.5", []Change{fix}, "rc"},
		{"pre label backwards: rc.1 after rc.1.x (not exactly rc.N)", "2.0.0-rc.1.x", []Change{fix}, "rc"},
		{"pre label backwards: rc.1 after rc.5.1", "2.0.0-rc.5.1", []Change{fix}, "rc"},
		{"pre label backwards: rc.1 after rc.10.1", "2.0.0-rc.10.1", []Change{fix}, "rc"},
		{"pre label backwards: RC after rc (ASCII order)", "2.0.0-rc.1", []Change{fix}, "RC"},
	}
	for _, tc := range tests {
		got, err := Bump(tc.current, tc.changes, tc.pre)
		if err == nil || got != (Decision{}) {
			t.Errorf("Bump(%q, %v, %q) = %+v, %v; want an error (%s)", tc.current, tc.changes, tc.pre, got, err, tc.why)
		} else if strings.Contains(err.Error(), "not implemented") {
			t.Errorf("Bump is not implemented yet: edit exercises/3-semver-bump/bump.go")
			return
		}
	}
}
