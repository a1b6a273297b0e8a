//go:build solution

package semverbump

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Bump decides the version that follows current for changes. pre, when not
// empty, asks for a pre-release of that version ("rc" → "2.0.0-rc.1").
func Bump(current string, changes []Change, pre string) (Decision, error) {
	if len(changes) == 0 {
		return Decision{}, errors.New("no changes: nothing to release")
	}
	if pre != "" && !preIdent.MatchString(pre) {
		return Decision{}, fmt.Errorf("pre-release label %q must be letters, digits and hyphens, not only digits", pre)
	}
	cur, err := parse(current)
	if err != nil {
		return Decision{}, err
	}
	level := Patch
	for _, c := range changes {
		if c.Breaking {
			level = Major
			break
		}
		if c.Feature {
			level = Minor
		}
	}

	next := cur.release(level)
	if pre != "" {
		n := 1
		if next.core() == cur.core() && len(cur.pre) == 2 && cur.pre[0] == pre {
			if k, err := strconv.Atoi(cur.pre[1]); err == nil {
				n = k + 1
			}
		}
		next.pre = []string{pre, strconv.Itoa(n)}
		// release never goes below current's numbers; on the same numbers
		// current is a pre-release, and the new one must come after it.
		if next.core() == cur.core() && !less(cur.pre, next.pre) {
			return Decision{}, fmt.Errorf("%s would not follow %s: pre-releases of one version must rise", next, current)
		}
	}
	return Decision{Level: level, Next: next.String()}, nil
}

type version struct {
	major, minor, patch int
	pre                 []string // dot-separated identifiers; nil for a release
}

func (v version) core() string { return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch) }

func (v version) String() string {
	if len(v.pre) == 0 {
		return v.core()
	}
	return v.core() + "-" + strings.Join(v.pre, ".")
}

// release is the release that changes of level lead to from v.
//
// Before 1.0.0 "anything MAY change at any time" (§4) and semver sets no
// rule, so this follows the convention of Cargo and npm's caret ranges
// (^0.2.3 := >=0.2.3 <0.3.0): the minor number plays the major's part and
// the patch number the minor's.
//
// A pre-release already stands for the release it precedes (§11:
// 2.0.0-rc.1 < 2.0.0), so when that release is at least the bump asked
// for, it is the answer: 2.0.0-rc.1 plus a breaking change is 2.0.0.
func (v version) release(level Level) version {
	if v.major == 0 && level == Major {
		level = Minor
	} else if v.major == 0 {
		level = Patch
	}
	core := version{major: v.major, minor: v.minor, patch: v.patch}
	if v.pre != nil {
		switch level {
		case Major:
			if v.minor == 0 && v.patch == 0 {
				return core
			}
		case Minor:
			if v.patch == 0 {
				return core
			}
		default:
			return core
		}
	}
	switch level {
	case Major:
		return version{major: v.major + 1}
	case Minor:
		return version{major: v.major, minor: v.minor + 1}
	default:
		return version{major: v.major, minor: v.minor, patch: v.patch + 1}
	}
}

var (
	// §2: non-negative integers without leading zeroes; §9: pre-release
	// identifiers; §10: build metadata, which Bump drops.
	versionRe = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$`)
	preIdent  = regexp.MustCompile(`^[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*$`)
	numeric   = regexp.MustCompile(`^\d+$`)
)

func parse(s string) (version, error) {
	m := versionRe.FindStringSubmatch(s)
	if m == nil {
		return version{}, fmt.Errorf("%q is not a semantic version (MAJOR.MINOR.PATCH, semver.org §2)", s)
	}
	var v version
	for i, p := range []*int{&v.major, &v.minor, &v.patch} {
		n, err := strconv.Atoi(m[i+1])
		if err != nil {
			return version{}, fmt.Errorf("%q: %w", s, err)
		}
		*p = n
	}
	if m[4] != "" {
		v.pre = strings.Split(m[4], ".")
		for _, id := range v.pre {
			if numeric.MatchString(id) && len(id) > 1 && id[0] == '0' {
				return version{}, fmt.Errorf("%q: numeric pre-release identifier %q has a leading zero (§9)", s, id)
			}
		}
	}
	return v, nil
}

// less reports whether pre-release a comes before pre-release b of the same
// version (§11): identifiers compared left to right, numeric ones by value
// and before alphanumeric ones, which compare in ASCII order; when one list
// is a prefix of the other, the shorter comes first.
func less(a, b []string) bool {
	for i := range min(len(a), len(b)) {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		xn, yn := numeric.MatchString(x), numeric.MatchString(y)
		switch {
		case xn && yn:
			if len(x) != len(y) {
				return len(x) < len(y) // no leading zeroes: longer is larger
			}
			return x < y
		case xn:
			return true
		case yn:
			return false
		default:
			return x < y
		}
	}
	return len(a) < len(b)
}
