package exercise

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxDifficulty is the top of the difficulty scale ("Difficulty: N/3").
const MaxDifficulty = 3

// Readme is an exercise README, parsed. The format is documented in
// docs/CONTRIBUTING.md:
//
//	# Title
//
//	Difficulty: 2/3 · File: `request.go`
//
//	## Needs            (only when the tests need a service)
//	## Task
//	## Acceptance
//
// The hints are not in the README (a learner reading the task would see the
// near-solution): they live in hints.md beside it, see ParseHints.
type Readme struct {
	Title      string
	Difficulty int    // 1..3, 0 when missing
	File       string // the stub file to edit, relative to the exercise dir
	Needs      string // the "## Needs" section: the service the tests need, "" when none
	Task       string
	Acceptance string
}

var (
	metaLine       = regexp.MustCompile("^Difficulty:\\s*(\\d+)\\s*/\\s*(\\d+)\\s*·\\s*File:\\s*`([^`]+)`\\s*$")
	difficultyOnly = regexp.MustCompile(`Difficulty:\s*(\d+)\s*/\s*(\d+)`)
	fileOnly       = regexp.MustCompile("File:\\s*`([^`]+)`")
	// anyHintHeading is a heading of any level that names a hint tier
	// ("### Hint 2", "## Hint 1: …"), or the "Hints" section itself.
	anyHintHeading = regexp.MustCompile(`(?i)^#{1,6}\s+(hints?\s*$|hint\s+\d+)`)
)

// hintsMisplaced is the problem reported for hints left in a README.
const hintsMisplaced = "hints belong in hints.md, not in README.md"

// ParseReadme parses an exercise README. It is lenient: it returns whatever
// it could read, plus one problem per deviation from the format, so learner
// commands can still work with an imperfect README while `workbook check`
// reports every defect. A README that still carries hints (a "## Hints"
// section or any "Hint N" heading) is a problem: they belong in hints.md.
func ParseReadme(src string) (*Readme, []string) {
	r := &Readme{}
	var problems []string
	var (
		section    string // "", "needs", "task", "acceptance", "other"
		body       strings.Builder
		inFence    bool
		sawTitle   bool
		sawMeta    bool
		sawSection = map[string]bool{}
	)
	flush := func() {
		text := strings.TrimSpace(body.String())
		body.Reset()
		switch section {
		case "needs":
			r.Needs = text
		case "task":
			r.Task = text
		case "acceptance":
			r.Acceptance = text
		}
	}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
		}
		if !inFence {
			if anyHintHeading.MatchString(trimmed) {
				problems = append(problems, fmt.Sprintf("%s: move %q and its text there", hintsMisplaced, trimmed))
			}
			switch {
			case strings.HasPrefix(line, "# "):
				if !sawTitle {
					sawTitle = true
					r.Title = strings.TrimSpace(line[2:])
					continue
				}
			case strings.HasPrefix(line, "## "):
				flush()
				name := strings.TrimSpace(line[3:])
				switch strings.ToLower(name) {
				case "needs":
					section = "needs"
				case "task":
					section = "task"
				case "acceptance":
					section = "acceptance"
				default:
					section = "other"
				}
				if sawSection[section] && section != "other" {
					problems = append(problems, fmt.Sprintf("section %q appears twice", "## "+name))
				}
				if section == "needs" && sawSection["task"] {
					problems = append(problems, "section \"## Needs\" must come before \"## Task\", right after the metadata line")
				}
				sawSection[section] = true
				continue
			}
			if section == "" && !sawMeta && strings.HasPrefix(trimmed, "Difficulty:") {
				sawMeta = true
				if m := metaLine.FindStringSubmatch(trimmed); m != nil {
					r.Difficulty, _ = strconv.Atoi(m[1])
					if max, _ := strconv.Atoi(m[2]); max != MaxDifficulty {
						problems = append(problems, fmt.Sprintf("difficulty is out of %d, want out of %d", max, MaxDifficulty))
					}
					r.File = m[3]
				} else {
					problems = append(problems, fmt.Sprintf("metadata line %q does not read \"Difficulty: N/3 · File: `name.go`\"", trimmed))
					if m := difficultyOnly.FindStringSubmatch(trimmed); m != nil {
						r.Difficulty, _ = strconv.Atoi(m[1])
					}
					if m := fileOnly.FindStringSubmatch(trimmed); m != nil {
						r.File = m[1]
					}
				}
				continue
			}
		}
		if section != "" {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	flush()
	if inFence {
		problems = append(problems, "a ``` code fence is never closed")
	}
	if !sawTitle || r.Title == "" {
		problems = append(problems, "missing the \"# Title\" line")
	}
	if !sawMeta {
		problems = append(problems, "missing the \"Difficulty: N/3 · File: `name.go`\" line")
	} else if r.Difficulty < 1 || r.Difficulty > MaxDifficulty {
		problems = append(problems, fmt.Sprintf("difficulty %d is not between 1 and %d", r.Difficulty, MaxDifficulty))
	}
	if sawMeta && r.File == "" {
		problems = append(problems, "the metadata line names no File")
	}
	if sawSection["needs"] && r.Needs == "" {
		problems = append(problems, "section \"## Needs\" is empty")
	}
	for _, s := range []struct{ key, heading, text string }{
		{"task", "## Task", r.Task},
		{"acceptance", "## Acceptance", r.Acceptance},
	} {
		if !sawSection[s.key] {
			problems = append(problems, "missing section \""+s.heading+"\"")
		} else if s.text == "" {
			problems = append(problems, "section \""+s.heading+"\" is empty")
		}
	}
	return r, problems
}
