//go:build solution

package semverbump

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

type level int

const (
	none level = iota
	patch
	minor
	major
)

type version struct {
	prefix              string // "v" or ""
	major, minor, patch uint64
	pre                 []string // dot-separated pre-release identifiers
}

var (
	// type, optional (scope), optional !, then ": " and a description.
	header = regexp.MustCompile(`^([A-Za-z]+)(\([^()\s]+\))?(!)?: \S`)
	ident  = regexp.MustCompile(`^[0-9A-Za-z-]+$`)
)

// Next returns the version to release after current, given the messages of
// the commits since it, as a release when channel is "" or as a
// pre-release on channel ("rc", "beta") otherwise.
func Next(current string, commits []string, channel string) (string, error) {
	v, err := parse(current)
	if err != nil {
		return "", err
	}
	if channel != "" && (!ident.MatchString(channel) || isNumeric(channel)) {
		return "", fmt.Errorf("semverbump: channel %q must be letters, digits and hyphens, not a number", channel)
	}
	bump := none
	for _, c := range commits {
		bump = max(bump, commitLevel(c))
	}
	if bump == none {
		return "", ErrNoRelease
	}
	// Before 1.0.0 the public API is not stable (SemVer §4): a breaking
	// change bumps the minor version; 1.0.0 is a decision, not a bump.
	if v.major == 0 && bump == major {
		bump = minor
	}
	next := release(v, bump)
	if channel != "" {
		next.pre = []string{channel, "0"}
		if sameRelease(v, next) && len(v.pre) == 2 && v.pre[0] == channel && isNumeric(v.pre[1]) {
			n, _ := strconv.ParseUint(v.pre[1], 10, 64)
			next.pre[1] = strconv.FormatUint(n+1, 10)
		}
	}
	if !after(next, v) {
		return "", fmt.Errorf("semverbump: %s would not be after %s", next, v)
	}
	return next.String(), nil
}

// release is the release that bump leads to from v. A pre-release already
// stands for its release: 1.3.0-rc.1 plus a fix is 1.3.0, plus a feature
// still 1.3.0 (its minor was bumped for it), plus a breaking change 2.0.0.
func release(v version, bump level) version {
	pre := len(v.pre) > 0
	n := version{prefix: v.prefix, major: v.major, minor: v.minor, patch: v.patch}
	switch bump {
	case major:
		if !pre || v.minor != 0 || v.patch != 0 {
			n.major, n.minor, n.patch = v.major+1, 0, 0
		}
	case minor:
		if !pre || v.patch != 0 {
			n.minor, n.patch = v.minor+1, 0
		}
	case patch:
		if !pre {
			n.patch = v.patch + 1
		}
	}
	return n
}

// commitLevel reads one commit message.
func commitLevel(msg string) level {
	first, body, _ := strings.Cut(msg, "\n")
	m := header.FindStringSubmatch(strings.TrimRight(first, "\r"))
	if m == nil {
		return none // not a conventional commit: "Merge branch …", "WIP"
	}
	if m[3] == "!" {
		return major
	}
	for _, line := range strings.Split(body, "\n") {
		// Footer tokens are case-sensitive: "breaking change:" is prose.
		if strings.HasPrefix(line, "BREAKING CHANGE: ") || strings.HasPrefix(line, "BREAKING-CHANGE: ") {
			return major
		}
	}
	switch strings.ToLower(m[1]) {
	case "feat":
		return minor
	case "fix":
		return patch
	}
	return none
}

func parse(s string) (version, error) {
	v := version{}
	rest := s
	if strings.HasPrefix(rest, "v") {
		v.prefix, rest = "v", rest[1:]
	}
	rest, _, hasBuild := strings.Cut(rest, "+") // build metadata: ignored, and not carried over
	if hasBuild {
		if _, build, _ := strings.Cut(s, "+"); !validIdents(build, false) {
			return version{}, fmt.Errorf("semverbump: %q has invalid build metadata", s)
		}
	}
	core, pre, hasPre := strings.Cut(rest, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return version{}, fmt.Errorf("semverbump: %q is not MAJOR.MINOR.PATCH", s)
	}
	for i, dst := range []*uint64{&v.major, &v.minor, &v.patch} {
		n, err := strconv.ParseUint(parts[i], 10, 64)
		if !isNumeric(parts[i]) || err != nil {
			return version{}, fmt.Errorf("semverbump: %q: %q is not a number without leading zeros", s, parts[i])
		}
		*dst = n
	}
	if hasPre {
		if !validIdents(pre, true) {
			return version{}, fmt.Errorf("semverbump: %q has an invalid pre-release", s)
		}
		v.pre = strings.Split(pre, ".")
	}
	return v, nil
}

// validIdents checks dot-separated identifiers; numeric ones in a
// pre-release must not have leading zeros (SemVer §9).
func validIdents(s string, pre bool) bool {
	for _, id := range strings.Split(s, ".") {
		if !ident.MatchString(id) {
			return false
		}
		if pre && allDigits(id) && !isNumeric(id) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isNumeric: digits only, no leading zero (except "0" itself).
func isNumeric(s string) bool {
	return allDigits(s) && (len(s) == 1 || s[0] != '0')
}

func sameRelease(a, b version) bool {
	return a.major == b.major && a.minor == b.minor && a.patch == b.patch
}

// after reports whether a has higher precedence than b (SemVer §11).
func after(a, b version) bool {
	if a.major != b.major {
		return a.major > b.major
	}
	if a.minor != b.minor {
		return a.minor > b.minor
	}
	if a.patch != b.patch {
		return a.patch > b.patch
	}
	if len(a.pre) == 0 || len(b.pre) == 0 {
		return len(b.pre) > 0 // a release is after its own pre-releases
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		x, y := a.pre[i], b.pre[i]
		if x == y {
			continue
		}
		xn, yn := isNumeric(x), isNumeric(y)
		if xn && yn {
			// Without leading zeros, a longer number is a bigger one.
			return len(x) > len(y) || len(x) == len(y) && x > y
		}
		if xn != yn {
			return yn // numeric identifiers sort before alphanumeric ones
		}
		return x > y // ASCII order
	}
	return len(a.pre) > len(b.pre) // a longer list of equal identifiers is after
}

func (v version) String() string {
	s := fmt.Sprintf("%s%d.%d.%d", v.prefix, v.major, v.minor, v.patch)
	if v.pre != nil {
		s += "-" + strings.Join(v.pre, ".")
	}
	return s
}
