// Package exercise discovers the workbook's chapters and exercises and parses
// exercise READMEs.
package exercise

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"workbook/scripts/internal/workspace"
)

// NotImplementedMarker is the text every untouched stub returns. An exercise
// whose tests fail while its stub still contains it is "not started".
const NotImplementedMarker = "not implemented:"

var (
	chapterDir  = regexp.MustCompile(`^\d\d-`)
	exerciseDir = regexp.MustCompile(`^(\d+)-[a-z0-9][a-z0-9-]*$`)
)

// Chapter is a chapter module and its exercises.
type Chapter struct {
	Name       string // directory name, e.g. "01-http"
	Dir        string // absolute
	ModulePath string // e.g. "workbook/01-http"
	Exercises  []*Exercise
}

// Exercise is one exercise directory.
type Exercise struct {
	Chapter    string // "01-http"
	Name       string // "1-parse-request"
	Number     int    // 1
	Dir        string // absolute
	RelDir     string // "01-http/exercises/1-parse-request", slash-separated, relative to the root
	ImportPath string // "workbook/01-http/exercises/1-parse-request"

	Readme *Readme
	Hints  *Hints // from hints.md; never nil after Discover
	// ReadmeProblem lists the format problems of README.md and then of
	// hints.md (those start with "hints.md: "); a missing file is one.
	ReadmeProblem []string
}

// ID is "chapter/name", e.g. "01-http/1-parse-request".
func (e *Exercise) ID() string { return e.Chapter + "/" + e.Name }

// Title is the README's title, or the exercise name when it has none.
func (e *Exercise) Title() string {
	if e.Readme != nil && e.Readme.Title != "" {
		return e.Readme.Title
	}
	return e.Name
}

// Points is the exercise's worth when graded: its difficulty, at least 1.
func (e *Exercise) Points() int {
	if e.Readme != nil && e.Readme.Difficulty > 0 {
		return e.Readme.Difficulty
	}
	return 1
}

// StubFile is the path of the file the learner edits, relative to the root
// ("01-http/exercises/1-parse-request/request.go"), or "" when the README
// does not say.
func (e *Exercise) StubFile() string {
	if e.Readme == nil || e.Readme.File == "" {
		return ""
	}
	return e.RelDir + "/" + e.Readme.File
}

// TestCommand is the command a learner runs from the root to test it.
func (e *Exercise) TestCommand() string { return "go test ./" + e.RelDir + "/" }

// Discover lists the chapters among mods (modules whose directory name
// starts with two digits and a dash) and their exercises, sorted by chapter
// name and exercise number. root is the workspace root that RelDir is
// relative to.
func Discover(root string, mods []workspace.Module) ([]*Chapter, error) {
	var chapters []*Chapter
	for _, m := range mods {
		if !chapterDir.MatchString(m.Name()) {
			continue
		}
		ch := &Chapter{Name: m.Name(), Dir: m.Dir, ModulePath: m.Path}
		exs, err := discoverExercises(root, ch)
		if err != nil {
			return nil, err
		}
		ch.Exercises = exs
		chapters = append(chapters, ch)
	}
	sort.Slice(chapters, func(i, j int) bool { return chapters[i].Name < chapters[j].Name })
	return chapters, nil
}

func discoverExercises(root string, ch *Chapter) ([]*Exercise, error) {
	dir := filepath.Join(ch.Dir, "exercises")
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*Exercise
	for _, e := range entries {
		m := exerciseDir.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		exDir := filepath.Join(dir, e.Name())
		if !hasGoFiles(exDir) {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		rel, err := filepath.Rel(root, exDir)
		if err != nil {
			return nil, err
		}
		ex := &Exercise{
			Chapter:    ch.Name,
			Name:       e.Name(),
			Number:     n,
			Dir:        exDir,
			RelDir:     filepath.ToSlash(rel),
			ImportPath: ch.ModulePath + "/exercises/" + e.Name(),
		}
		src, err := os.ReadFile(filepath.Join(exDir, "README.md"))
		if err != nil {
			ex.Readme = &Readme{}
			ex.ReadmeProblem = []string{"README.md is missing"}
		} else {
			ex.Readme, ex.ReadmeProblem = ParseReadme(string(src))
		}
		hints, problems := LoadHints(exDir, ex.Readme.Title)
		ex.Hints = hints
		for _, p := range problems {
			ex.ReadmeProblem = append(ex.ReadmeProblem, HintsFile+": "+p)
		}
		out = append(out, ex)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Number != out[j].Number {
			return out[i].Number < out[j].Number
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true
		}
	}
	return false
}

// All flattens the chapters' exercises in order.
func All(chapters []*Chapter) []*Exercise {
	var out []*Exercise
	for _, ch := range chapters {
		out = append(out, ch.Exercises...)
	}
	return out
}

// StubUntouched reports whether the exercise's stub file still contains the
// NotImplementedMarker.
func (e *Exercise) StubUntouched() bool {
	if e.Readme == nil || e.Readme.File == "" {
		return false
	}
	src, err := os.ReadFile(filepath.Join(e.Dir, e.Readme.File))
	return err == nil && strings.Contains(string(src), NotImplementedMarker)
}

// Find resolves what a learner typed to one exercise. It accepts, in this
// order of preference:
//
//   - the ID ("01-http/1-parse-request") or a path to the exercise
//     ("./01-http/exercises/1-parse-request/");
//   - its name or a suffix of it after a dash ("1-parse-request",
//     "parse-request", "request"), optionally after a chapter
//     ("01/parse-request", "http/request");
//   - any other substring of the ID ("cursor", "http/parse", "01-http/1-").
//
// The first rule that matches decides: one match is the answer, several are
// an error that lists them (case is ignored).
func Find(exs []*Exercise, query string) (*Exercise, error) {
	q := strings.ToLower(strings.TrimSpace(filepath.ToSlash(query)))
	q = strings.TrimPrefix(q, "./")
	q = strings.TrimSuffix(q, "/")
	q = strings.Replace(q, "/exercises/", "/", 1)
	if q == "" {
		return nil, fmt.Errorf("name an exercise, e.g. %q; `workbook list` shows them all", example(exs))
	}
	for _, e := range exs {
		if strings.ToLower(e.ID()) == q {
			return e, nil
		}
	}
	chapter, name, scoped := strings.Cut(q, "/")
	if !scoped {
		name = q
	}
	inChapter := func(e *Exercise) bool {
		c := strings.ToLower(e.Chapter)
		return !scoped || c == chapter || strings.HasPrefix(c, chapter+"-") || strings.HasSuffix(c, "-"+chapter)
	}
	rules := []func(e *Exercise) bool{
		func(e *Exercise) bool {
			n := strings.ToLower(e.Name)
			return inChapter(e) && (n == name || strings.HasSuffix(n, "-"+name))
		},
		func(e *Exercise) bool {
			return strings.Contains(strings.ToLower(e.ID()), q) ||
				(scoped && inChapter(e) && strings.Contains(strings.ToLower(e.Name), name))
		},
	}
	for _, rule := range rules {
		var matches []*Exercise
		for _, e := range exs {
			if rule(e) {
				matches = append(matches, e)
			}
		}
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0], nil
		}
		return nil, ambiguous(query, matches)
	}
	return nil, fmt.Errorf("no exercise matches %q; `workbook list` shows them all (e.g. %q)", query, example(exs))
}

// maxCandidates is how many matches an ambiguity error lists.
const maxCandidates = 8

func ambiguous(query string, matches []*Exercise) error {
	ids := make([]string, 0, maxCandidates+1)
	for i, e := range matches {
		if i == maxCandidates {
			ids = append(ids, fmt.Sprintf("and %d more", len(matches)-maxCandidates))
			break
		}
		ids = append(ids, e.ID())
	}
	return fmt.Errorf("%q matches %d exercises: %s; name one in full", query, len(matches), strings.Join(ids, ", "))
}

// ShortName is the shortest name Find resolves to e among exs: its name
// ("1-parse-request") when that is unique, else its ID.
func ShortName(exs []*Exercise, e *Exercise) string {
	if got, err := Find(exs, e.Name); err == nil && got == e {
		return e.Name
	}
	return e.ID()
}

func example(exs []*Exercise) string {
	if len(exs) == 0 {
		return "01-http/1-parse-request"
	}
	return exs[0].ID()
}

// FindChapters resolves chapter arguments ("01-http", "01", "http") to
// chapters. No arguments means all chapters.
func FindChapters(chapters []*Chapter, args []string) ([]*Chapter, error) {
	if len(args) == 0 {
		return chapters, nil
	}
	var out []*Chapter
	seen := map[string]bool{}
	for _, a := range args {
		a = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(a), "./"), "/")
		var matches []*Chapter
		for _, ch := range chapters {
			if ch.Name == a {
				matches = []*Chapter{ch}
				break
			}
			if strings.HasPrefix(ch.Name, a+"-") || strings.HasSuffix(ch.Name, "-"+a) {
				matches = append(matches, ch)
			}
		}
		if len(matches) != 1 {
			names := make([]string, len(chapters))
			for i, ch := range chapters {
				names[i] = ch.Name
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("no chapter %q; chapters are: %s", a, strings.Join(names, ", "))
			}
			return nil, fmt.Errorf("%q matches more than one chapter; name one of: %s", a, strings.Join(names, ", "))
		}
		if !seen[matches[0].Name] {
			seen[matches[0].Name] = true
			out = append(out, matches[0])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
