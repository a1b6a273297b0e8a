package semverbump

import (
	"errors"
	"strings"
	"testing"
)

const edit = "(edit exercises/2-semver-bump/semver.go)"

var (
	fix      = "fix: keep the connection pool bounded"
	feat     = "feat(api): add GET /version"
	docs     = "docs: explain the rollout"
	chore    = "chore(deps): bump pgx"
	bang     = "feat(api)!: drop the v1 endpoints"
	footer   = "refactor: new config loader\n\nBREAKING CHANGE: CONFIG_PATH is gone; use the environment"
	footer2  = "fix: stricter parsing\n\nReviewed-by: Ada\nBREAKING-CHANGE: lenient input is rejected"
	merge    = "Merge branch 'main' into feature"
	proseBC  = "docs: mention that a BREAKING CHANGE: footer bumps major"
	lowerBC  = "fix: typo\n\nbreaking change: not really"
	bangDocs = "docs!: the manual moved"
)

func TestNextRelease(t *testing.T) {
	for _, tc := range []struct {
		name    string
		current string
		commits []string
		want    string
	}{
		{"fix is a patch", "1.4.2", []string{fix}, "1.4.3"},
		{"feat is a minor and resets patch", "1.4.2", []string{fix, feat, docs}, "1.5.0"},
		{"bang is a major and resets the rest", "1.4.2", []string{feat, bang, fix}, "2.0.0"},
		{"BREAKING CHANGE footer is a major", "1.4.2", []string{footer}, "2.0.0"},
		{"BREAKING-CHANGE footer is a major", "1.4.2", []string{footer2}, "2.0.0"},
		{"bang on any type is a major", "1.4.2", []string{bangDocs}, "2.0.0"},
		{"the highest bump wins, in any order", "3.0.0", []string{bang, feat, fix}, "4.0.0"},
		{"type is case-insensitive", "1.0.0", []string{"FEAT: shout"}, "1.1.0"},
		{"feat without scope", "1.0.0", []string{"feat: x"}, "1.1.0"},
		{"v prefix is kept", "v1.2.3", []string{fix}, "v1.2.4"},
		{"build metadata is dropped", "1.2.3+build.7", []string{fix}, "1.2.4"},
		{"big numbers", "10.99.199", []string{feat}, "10.100.0"},
		{"the largest number", "18446744073709551615.0.9", []string{fix}, "18446744073709551615.0.10"},
		{"CRLF commit", "1.0.0", []string{"feat: windows\r\n\r\nbody"}, "1.1.0"},
		{"prose is not a footer", "1.0.0", []string{proseBC, fix}, "1.0.1"},
		{"lowercase footer is prose", "1.0.0", []string{lowerBC}, "1.0.1"},
		// 0.x: the API is not stable; a breaking change is a minor bump.
		{"0.x breaking is a minor", "0.3.1", []string{bang}, "0.4.0"},
		{"0.x footer breaking is a minor", "0.3.1", []string{footer}, "0.4.0"},
		{"0.x feat is a minor", "0.3.1", []string{feat}, "0.4.0"},
		{"0.x fix is a patch", "0.3.1", []string{fix}, "0.3.2"},
		{"0.0.x", "0.0.3", []string{fix}, "0.0.4"},
		// From a pre-release: it already stands for its release.
		{"rc plus fix is the release", "1.3.0-rc.2", []string{fix}, "1.3.0"},
		{"rc plus feat is the release when patch is 0", "1.3.0-rc.2", []string{feat}, "1.3.0"},
		{"rc of a patch plus feat bumps minor", "1.3.1-rc.0", []string{feat}, "1.4.0"},
		{"rc plus breaking bumps major", "1.3.0-rc.2", []string{bang}, "2.0.0"},
		{"major rc plus breaking is the release", "2.0.0-rc.1", []string{bang}, "2.0.0"},
		{"major rc plus fix is the release", "2.0.0-beta", []string{fix}, "2.0.0"},
		{"0.x rc plus breaking", "0.4.0-rc.1", []string{bang}, "0.4.0"},
		{"0.x rc of a patch plus breaking", "0.4.1-rc.1", []string{bang}, "0.5.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Next(tc.current, tc.commits, "")
			if err != nil || got != tc.want {
				t.Errorf("Next(%q, %q, \"\") = %q, %v; want %q %s", tc.current, tc.commits, got, err, tc.want, edit)
			}
		})
	}
}

func TestNextPreRelease(t *testing.T) {
	for _, tc := range []struct {
		name, current string
		commits       []string
		channel, want string
	}{
		{"first rc of a minor", "1.2.3", []string{feat}, "rc", "1.3.0-rc.0"},
		{"first rc of a patch", "1.2.3", []string{fix}, "rc", "1.2.4-rc.0"},
		{"first rc of a major", "1.2.3", []string{bang}, "rc", "2.0.0-rc.0"},
		{"next rc counts up", "1.3.0-rc.2", []string{fix}, "rc", "1.3.0-rc.3"},
		{"next rc after rc.9 is rc.10", "1.3.0-rc.9", []string{feat}, "rc", "1.3.0-rc.10"},
		{"beta to rc restarts the count", "1.3.0-beta.4", []string{fix}, "rc", "1.3.0-rc.0"},
		{"a bigger bump starts a new rc line", "1.3.0-rc.2", []string{bang}, "rc", "2.0.0-rc.0"},
		{"rc of a patch release line, feat", "1.3.1-rc.0", []string{feat}, "rc", "1.4.0-rc.0"},
		{"rc without a counter gets one", "1.3.0-rc", []string{fix}, "rc", "1.3.0-rc.0"},
		{"v prefix", "v0.9.0", []string{feat}, "beta", "v0.10.0-beta.0"},
		{"0.x breaking rc", "0.9.0", []string{bang}, "rc", "0.10.0-rc.0"},
		{"hyphenated channel", "1.0.0", []string{fix}, "rc-2", "1.0.1-rc-2.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Next(tc.current, tc.commits, tc.channel)
			if err != nil || got != tc.want {
				t.Errorf("Next(%q, %q, %q) = %q, %v; want %q %s", tc.current, tc.commits, tc.channel, got, err, tc.want, edit)
			}
		})
	}
}

func TestNextRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, current string
		commits       []string
		channel       string
	}{
		{"nothing releasable", "1.0.0", []string{docs, chore, "refactor: tidy", "perf: faster", "test: more", merge}, ""},
		{"no commits", "1.0.0", nil, ""},
		{"not conventional: no space", "1.0.0", []string{"feat:no space"}, ""},
		{"not conventional: no description", "1.0.0", []string{"fix: "}, ""},
		{"not conventional: empty scope", "1.0.0", []string{"feat(): x"}, ""},
		{"not conventional: type with digits", "1.0.0", []string{"feat2: x"}, ""},
		{"not conventional: bang after colon", "1.0.0", []string{"feat:! x"}, ""},
		{"footer on a non-conventional commit", "1.0.0", []string{"Update things\n\nBREAKING CHANGE: x"}, ""},
		{"footer token inside the header line", "1.0.0", []string{"chore: BREAKING CHANGE: no"}, ""},
		{"featx is not feat", "1.0.0", []string{"featx: x", "fixup: y"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Next(tc.current, tc.commits, tc.channel)
			if !errors.Is(err, ErrNoRelease) {
				t.Errorf("Next(%q, %q) = %q, %v; want ErrNoRelease %s", tc.current, tc.commits, got, err, edit)
			}
		})
	}
	for _, tc := range []struct{ current, channel string }{
		{"1.2", ""}, {"1.2.3.4", ""}, {"01.2.3", ""}, {"1.02.3", ""}, {"1.2.03", ""}, {"1.2.x", ""}, {"", ""},
		{"-1.2.3", ""}, {"1.2.3-", ""}, {"1.2.3-rc..1", ""}, {"1.2.3-rc.01", ""}, {"1.2.3-rc_1", ""}, {"1.2.3+", ""},
		{"1.2.3+a..b", ""}, {"V1.2.3", ""}, {"1.2.3 ", ""}, {"99999999999999999999.0.0", ""},
		{"1.2.3", "r c"}, {"1.2.3", "1"}, {"1.2.3", "rc.1"},
		// Going backwards: alpha sorts before beta.
		{"1.3.0-beta.2", "alpha"},
	} {
		got, err := Next(tc.current, []string{fix}, tc.channel)
		if err == nil || errors.Is(err, ErrNoRelease) || strings.HasPrefix(err.Error(), "not implemented") {
			t.Errorf("Next(%q, [fix], %q) = %q, %v; want an error saying what is wrong %s", tc.current, tc.channel, got, err, edit)
		}
	}
	// Valid oddities SemVer allows.
	for current, want := range map[string]string{
		"1.2.3-0":            "1.2.3",
		"1.2.3-x-y.0a":       "1.2.3",
		"1.2.3-rc.1+exp.sha": "1.2.3",
		"0.0.0":              "0.0.1",
		"1.2.3+001":          "1.2.4",
	} {
		if got, err := Next(current, []string{fix}, ""); err != nil || got != want {
			t.Errorf("Next(%q, [fix]) = %q, %v; want %q %s", current, got, err, want, edit)
		}
	}
}

// TestPreReleaseOrder: the next pre-release must sort after the current one
// under SemVer precedence; these cases are decided by that rule.
func TestPreReleaseOrder(t *testing.T) {
	for _, tc := range []struct {
		current, channel, want string
		ok                     bool
	}{
		{"1.3.0-alpha.5", "beta", "1.3.0-beta.0", true},
		{"1.3.0-rc.1", "beta", "", false},        // beta < rc
		{"1.3.0-RC.1", "rc", "1.3.0-rc.0", true}, // ASCII: "RC" < "rc"
		{"1.3.0-rc.1", "RC", "", false},
		{"1.3.0-1", "rc", "1.3.0-rc.0", true}, // numeric identifiers sort before alphanumeric
		{"1.3.0-rc.1.x", "rc", "", false},     // rc.0 < rc.1.x
		{"1.3.0-rc.x", "rc", "", false},       // rc.0 < rc.x (numeric before alphanumeric)
		{"1.3.0-rc.alpha", "rc", "", false},
		{"1.3.0-rcx", "rc", "", false}, // "rc" < "rcx"
		{"1.3.0-r", "rc", "1.3.0-rc.0", true},
		{"1.3.0-rc.0.0", "rc", "", false}, // more identifiers sort after: rc.0 < rc.0.0
		{"1.3.0-rc.10", "rc", "1.3.0-rc.11", true},
		{"1.3.0-beta", "alpha", "", false},
		{"1.3.0-beta", "beta", "1.3.0-beta.0", true},
		{"1.3.0-rc.9.a", "rc", "", false}, // rc.0 before rc.9.a
		{"1.3.0-rc.1-a", "rc", "", false}, // "1-a" is alphanumeric: rc.0 < rc.1-a
		{"1.3.0-9", "rc", "1.3.0-rc.0", true},
		{"1.3.0-rc.99", "rc", "1.3.0-rc.100", true},
		{"1.3.0-10", "r", "1.3.0-r.0", true}, // alphanumeric after numeric, however long the number
		{"1.3.0-rc.9223372036854775808", "rc", "1.3.0-rc.9223372036854775809", true},
	} {
		got, err := Next(tc.current, []string{fix}, tc.channel)
		if tc.ok && (err != nil || got != tc.want) || !tc.ok && (err == nil || strings.HasPrefix(err.Error(), "not implemented")) {
			t.Errorf("Next(%q, [fix], %q) = %q, %v; want %q (ok %v) %s", tc.current, tc.channel, got, err, tc.want, tc.ok, edit)
		}
	}
}
