package exercise

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// HintCount is the number of hints every exercise has.
const HintCount = 3

// HintsFile is the name of the file beside an exercise's README that holds
// its hints. Only `workbook hint` shows them, one tier at a time, so that a
// learner reading the task never sees the near-solution by accident.
const HintsFile = "hints.md"

// Hints is an exercise's hints.md, parsed. The format is documented in
// docs/CONTRIBUTING.md:
//
//	# Hints: <the README's title>
//
//	## Hint 1
//	A nudge: where to start, what to think about.
//	## Hint 2
//	An API pointer: which functions and types, which RFC section.
//	## Hint 3
//	Nearly the solution, in prose or a skeleton, never the reference's code.
type Hints struct {
	Title string // after "# Hints: "
	// Tiers[i] is the text of "## Hint i+1"; a missing tier is empty.
	Tiers []string
}

// Tier returns the text of hint n (1-based), or "" when there is none.
func (h *Hints) Tier(n int) string {
	if h == nil || n < 1 || n > len(h.Tiers) {
		return ""
	}
	return h.Tiers[n-1]
}

var (
	hintsTitle = regexp.MustCompile(`^#\s+Hints:\s*(.*?)\s*$`)
	// tierLine is a tier heading at any level, so that "### Hint 1" (the
	// old README format) is read and reported rather than lost.
	tierLine = regexp.MustCompile(`^(#{2,6})\s+Hint\s+(\d+)\s*$`)
)

// ParseHints parses a hints.md. Like ParseReadme it is lenient: it returns
// every tier it could read plus one problem per deviation from the format.
func ParseHints(src string) (*Hints, []string) {
	h := &Hints{Tiers: make([]string, HintCount)}
	var problems []string
	var (
		tier     int // 1-based index of the tier being read, 0 before the first
		last     int // the highest tier seen so far
		body     strings.Builder
		inFence  bool
		sawTitle bool
		sawTier  = map[int]bool{}
		stray    bool // reported text outside any tier once
	)
	flush := func() {
		if tier >= 1 && tier <= HintCount {
			h.Tiers[tier-1] = strings.TrimSpace(body.String())
		}
		body.Reset()
	}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		fence := strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")
		if fence {
			inFence = !inFence
		}
		if !inFence && !fence {
			switch {
			case strings.HasPrefix(line, "# "):
				if sawTitle || tier != 0 {
					problems = append(problems, fmt.Sprintf("unexpected heading %q (the only \"# \" heading is the title)", line))
					continue
				}
				sawTitle = true
				if m := hintsTitle.FindStringSubmatch(line); m != nil && m[1] != "" {
					h.Title = m[1]
				} else {
					problems = append(problems, fmt.Sprintf("title %q does not read \"# Hints: <exercise title>\"", line))
				}
				continue
			case strings.HasPrefix(line, "## ") || tierLine.MatchString(trimmed):
				flush()
				m := tierLine.FindStringSubmatch(trimmed)
				if m == nil {
					problems = append(problems, fmt.Sprintf("unexpected heading %q (want \"## Hint 1\" … \"## Hint %d\")", line, HintCount))
					tier = -1 // its text belongs to no tier
					continue
				}
				if m[1] != "##" {
					problems = append(problems, fmt.Sprintf("%q: a tier is a \"## Hint N\" heading", trimmed))
				}
				tier, _ = strconv.Atoi(m[2])
				if tier < 1 || tier > HintCount {
					problems = append(problems, fmt.Sprintf("%q: hints are numbered 1 to %d", line, HintCount))
				} else if sawTier[tier] {
					problems = append(problems, fmt.Sprintf("%q appears twice", line))
				} else if tier < last {
					problems = append(problems, fmt.Sprintf("%q is out of order: the tiers go 1, 2, 3", line))
				}
				last = max(last, tier)
				sawTier[tier] = true
				continue
			}
		}
		if tier <= 0 {
			if tier == 0 && trimmed != "" && !stray {
				stray = true
				problems = append(problems, fmt.Sprintf("text outside any \"## Hint N\": %q", trimmed))
			}
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	if inFence {
		problems = append(problems, "a ``` code fence is never closed")
	}
	if !sawTitle {
		problems = append(problems, "missing the \"# Hints: <exercise title>\" line")
	}
	for i := 1; i <= HintCount; i++ {
		if !sawTier[i] {
			problems = append(problems, fmt.Sprintf("missing \"## Hint %d\"", i))
		} else if h.Tiers[i-1] == "" {
			problems = append(problems, fmt.Sprintf("\"## Hint %d\" is empty", i))
		}
	}
	return h, problems
}

// LoadHints reads and parses dir/hints.md. title is the README's title,
// which the hints' own title must repeat; "" skips that check. A missing
// file is a problem, not an error: the exercise still works without hints.
func LoadHints(dir, title string) (*Hints, []string) {
	src, err := os.ReadFile(filepath.Join(dir, HintsFile))
	if err != nil {
		if os.IsNotExist(err) {
			return &Hints{Tiers: make([]string, HintCount)}, []string{HintsFile + " is missing"}
		}
		return &Hints{Tiers: make([]string, HintCount)}, []string{err.Error()}
	}
	h, problems := ParseHints(string(src))
	if title != "" && h.Title != "" && h.Title != title {
		problems = append(problems, fmt.Sprintf("title %q differs from the README's %q", h.Title, title))
	}
	return h, problems
}
