package exercise

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxDifficulty is the top of the difficulty scale ("Difficulty: N/3").
const MaxDifficulty = 3

// HintCount is the number of hints every exercise has.
const HintCount = 3

// Readme is an exercise README, parsed. The format is documented in
// docs/CONTRIBUTING.md:
//
//	# Title
//
//	Difficulty: 2/3 · File: `request.go`
//
//	## Task
//	## Acceptance
//	## Hints
//	### Hint 1
//	### Hint 2
//	### Hint 3
type Readme struct {
	Title      string
	Difficulty int    // 1..3, 0 when missing
	File       string // the stub file to edit, relative to the exercise dir
	Task       string
	Acceptance string
	// Hints[i] is the text of "### Hint i+1"; missing hints are empty.
	Hints []string
}

var (
	metaLine       = regexp.MustCompile("^Difficulty:\\s*(\\d+)\\s*/\\s*(\\d+)\\s*·\\s*File:\\s*`([^`]+)`\\s*$")
	difficultyOnly = regexp.MustCompile(`Difficulty:\s*(\d+)\s*/\s*(\d+)`)
	fileOnly       = regexp.MustCompile("File:\\s*`([^`]+)`")
	hintHeading    = regexp.MustCompile(`^Hint\s+(\d+)$`)
)

// ParseReadme parses an exercise README. It is lenient: it returns whatever
// it could read, plus one problem per deviation from the format, so learner
// commands can still work with an imperfect README while `workbook check`
// reports every defect.
func ParseReadme(src string) (*Readme, []string) {
	r := &Readme{Hints: make([]string, HintCount)}
	var problems []string
	var (
		section    string // "", "task", "acceptance", "hints", "other"
		hint       int    // 1-based index inside "hints", 0 before the first
		body       strings.Builder
		inFence    bool
		sawTitle   bool
		sawMeta    bool
		sawSection = map[string]bool{}
		sawHint    = map[int]bool{}
	)
	flush := func() {
		text := strings.TrimSpace(body.String())
		body.Reset()
		switch section {
		case "task":
			r.Task = text
		case "acceptance":
			r.Acceptance = text
		case "hints":
			if hint >= 1 && hint <= HintCount {
				r.Hints[hint-1] = text
			}
		}
	}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
		}
		if !inFence {
			switch {
			case strings.HasPrefix(line, "# "):
				if !sawTitle {
					sawTitle = true
					r.Title = strings.TrimSpace(line[2:])
					continue
				}
			case strings.HasPrefix(line, "## "):
				flush()
				hint = 0
				name := strings.TrimSpace(line[3:])
				switch strings.ToLower(name) {
				case "task":
					section = "task"
				case "acceptance":
					section = "acceptance"
				case "hints":
					section = "hints"
				default:
					section = "other"
				}
				if sawSection[section] && section != "other" {
					problems = append(problems, fmt.Sprintf("section %q appears twice", "## "+name))
				}
				sawSection[section] = true
				continue
			case strings.HasPrefix(line, "### ") && section == "hints":
				flush()
				m := hintHeading.FindStringSubmatch(strings.TrimSpace(line[4:]))
				if m == nil {
					problems = append(problems, fmt.Sprintf("unexpected heading %q under ## Hints (want \"### Hint 1\" … \"### Hint %d\")", line, HintCount))
					hint = 0
					continue
				}
				hint, _ = strconv.Atoi(m[1])
				if hint < 1 || hint > HintCount {
					problems = append(problems, fmt.Sprintf("%q: hints are numbered 1 to %d", line, HintCount))
				}
				if sawHint[hint] {
					problems = append(problems, fmt.Sprintf("%q appears twice", line))
				}
				sawHint[hint] = true
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
	if !sawSection["hints"] {
		problems = append(problems, "missing section \"## Hints\"")
	} else {
		for i := 1; i <= HintCount; i++ {
			if !sawHint[i] {
				problems = append(problems, fmt.Sprintf("missing \"### Hint %d\"", i))
			} else if r.Hints[i-1] == "" {
				problems = append(problems, fmt.Sprintf("\"### Hint %d\" is empty", i))
			}
		}
	}
	return r, problems
}
