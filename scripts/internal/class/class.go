// Package class builds an instructor's class report from the grades of many
// learners' clones: one row per learner, one column per exercise, written as
// CSV, JSON and a self-contained HTML page.
//
// The grading itself is the `grade` command's (package grade); this package
// only lays the results side by side.
package class

import (
	"math"
	"sort"
	"strings"
	"time"

	"workbook/scripts/internal/grade"
)

// Version is the class.json format version.
const Version = 1

// Column is one exercise of the instructor's checkout; every learner is
// graded on these.
type Column struct {
	ID        string `json:"id"` // "01-http/1-parse-request"
	Chapter   string `json:"chapter"`
	Exercise  string `json:"exercise"`
	Title     string `json:"title"`
	MaxPoints int    `json:"max_points"`
}

// Which exercises.sum shows a graded file as changed.
const (
	AgainstLearner    = "learner"    // only the clone's own exercises.sum
	AgainstInstructor = "instructor" // only the instructor's: the learner's exercises.sum was edited too, or the clone is another version
	AgainstBoth       = "both"
)

// Tamper is one graded file that differs from an exercises.sum.
type Tamper struct {
	Path    string `json:"path"`    // root-relative, slash-separated
	Change  string `json:"change"`  // modified | missing | extra
	Against string `json:"against"` // learner | instructor | both
}

// Cell is one learner's grade on one exercise.
type Cell struct {
	Exercise    string   `json:"exercise"` // Column.ID
	Status      string   `json:"status"`   // grade's exercise status: pass | fail | error | skipped | tampered
	Points      int      `json:"points"`
	MaxPoints   int      `json:"max_points"`
	TestsPassed int      `json:"tests_passed"`
	TestsTotal  int      `json:"tests_total"`
	Tamper      []Tamper `json:"tamper"`
	// NeedsServices names what a skipped exercise's tests waited for.
	NeedsServices []string `json:"needs_services,omitempty"`
	Message       string   `json:"message,omitempty"`
}

// ChapterScore is a learner's total in one chapter.
type ChapterScore struct {
	Chapter   string  `json:"chapter"`
	Score     int     `json:"score"`
	MaxScore  int     `json:"max_score"`
	Percent   float64 `json:"percent"`
	Passed    int     `json:"passed"`
	Exercises int     `json:"exercises"`
}

// Learner is one row: a clone and its grade.
type Learner struct {
	Name string `json:"name"` // the clone's directory name
	Dir  string `json:"dir"`
	// Error says why the clone could not be graded at all (no go.work, a
	// workspace the go command rejects); its cells are then all "error".
	Error string `json:"error,omitempty"`
	// Notes are warnings that do not stop grading: exercises.sum missing
	// or different from the instructor's, chapters whose tests could not
	// be started, extra exercises that are not graded.
	Notes     []string       `json:"notes"`
	Score     int            `json:"score"`
	MaxScore  int            `json:"max_score"`
	Percent   float64        `json:"percent"`
	Passed    int            `json:"passed"`
	Exercises int            `json:"exercises"`
	Tampered  int            `json:"tampered"` // exercises with status tampered
	Seconds   float64        `json:"seconds"`  // wall time to grade the clone
	Chapters  []ChapterScore `json:"chapters"`
	Cells     []Cell         `json:"cells"` // in Report.Columns order
}

// Report is the whole class.
type Report struct {
	Version     int       `json:"version"`
	GeneratedAt time.Time `json:"generated_at"`
	ClassDir    string    `json:"class_dir"`
	// Instructor is the checkout the command ran in: its exercises are the
	// columns, its READMEs give the points, its exercises.sum is checked
	// besides each clone's own.
	Instructor string    `json:"instructor"`
	Chapters   []string  `json:"chapters"`
	Columns    []Column  `json:"columns"`
	Learners   []Learner `json:"learners"`
}

// Graded is what the grader produced for one clone.
type Graded struct {
	Name string
	Dir  string
	// Results is the clone's grade, the same as `grade --json` writes;
	// nil when Err is set.
	Results *grade.Results
	Err     error
	// Against says, by path, which exercises.sum shows a tampered file as
	// changed (AgainstLearner, AgainstInstructor or AgainstBoth).
	Against  map[string]string
	Notes    []string
	Duration time.Duration
}

// Build lays the grades out against the columns. Learners are sorted by
// name.
func Build(classDir, instructor string, columns []Column, graded []Graded, now time.Time) *Report {
	r := &Report{
		Version:     Version,
		GeneratedAt: now.UTC().Truncate(time.Second),
		ClassDir:    classDir,
		Instructor:  instructor,
		Chapters:    []string{},
		Columns:     columns,
		Learners:    []Learner{},
	}
	for _, c := range columns {
		if len(r.Chapters) == 0 || r.Chapters[len(r.Chapters)-1] != c.Chapter {
			r.Chapters = append(r.Chapters, c.Chapter)
		}
	}
	for _, g := range graded {
		r.Learners = append(r.Learners, r.learner(g))
	}
	sort.SliceStable(r.Learners, func(i, j int) bool { return r.Learners[i].Name < r.Learners[j].Name })
	return r
}

func (r *Report) learner(g Graded) Learner {
	l := Learner{
		Name:      g.Name,
		Dir:       g.Dir,
		Notes:     append([]string{}, g.Notes...),
		Exercises: len(r.Columns),
		Seconds:   math.Round(g.Duration.Seconds()*10) / 10,
		Chapters:  []ChapterScore{},
		Cells:     []Cell{},
	}
	byID := map[string]grade.ExerciseResult{}
	if g.Err != nil {
		l.Error = g.Err.Error()
	} else if g.Results != nil {
		for _, ex := range g.Results.Exercises {
			byID[ex.Chapter+"/"+ex.Exercise] = ex
		}
	}
	chapters := map[string]*ChapterScore{}
	for _, col := range r.Columns {
		c := Cell{Exercise: col.ID, MaxPoints: col.MaxPoints, Tamper: []Tamper{}}
		ex, ok := byID[col.ID]
		switch {
		case l.Error != "":
			c.Status, c.Message = string(grade.Error), "the clone could not be graded"
		case !ok:
			c.Status, c.Message = string(grade.Error), "not graded: the exercise is not in this clone"
		default:
			c.Status = string(ex.Status)
			c.Message = ex.Message
			c.TestsPassed, c.TestsTotal = ex.Passed, ex.Total
			// The instructor's points, whatever the clone's README says.
			if ex.Points > 0 {
				c.Points = col.MaxPoints
			}
			c.Tamper = tampers(ex, g.Against)
			c.NeedsServices = ex.NeedsServices
		}
		l.Cells = append(l.Cells, c)

		cs := chapters[col.Chapter]
		if cs == nil {
			l.Chapters = append(l.Chapters, ChapterScore{Chapter: col.Chapter})
			cs = &l.Chapters[len(l.Chapters)-1]
			chapters[col.Chapter] = cs
		}
		cs.Exercises++
		cs.MaxScore += c.MaxPoints
		cs.Score += c.Points
		l.MaxScore += c.MaxPoints
		l.Score += c.Points
		if c.Status == string(grade.Pass) {
			cs.Passed++
			l.Passed++
		}
		if c.Status == string(grade.Tampered) {
			l.Tampered++
		}
	}
	for i := range l.Chapters {
		l.Chapters[i].Percent = percent(l.Chapters[i].Score, l.Chapters[i].MaxScore)
	}
	l.Percent = percent(l.Score, l.MaxScore)
	return l
}

// tampers lists an exercise's tampered files with which sum shows each.
func tampers(ex grade.ExerciseResult, against map[string]string) []Tamper {
	out := []Tamper{}
	seen := map[string]bool{}
	for _, c := range ex.Changes {
		seen[c.Path] = true
		out = append(out, Tamper{Path: c.Path, Change: string(c.Kind), Against: againstOf(against, c.Path)})
	}
	// Results read back from JSON carry only the paths.
	for _, p := range ex.Tampered {
		if !seen[p] {
			out = append(out, Tamper{Path: p, Change: "changed", Against: againstOf(against, p)})
		}
	}
	return out
}

func againstOf(against map[string]string, path string) string {
	if a, ok := against[path]; ok {
		return a
	}
	return AgainstLearner
}

// percent is 100·n/d to one decimal; 0 when d is 0.
func percent(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(d)) / 10
}

// Average is the class's mean percent over the learners that could be
// graded.
func (r *Report) Average() float64 {
	sum, n := 0.0, 0
	for _, l := range r.Learners {
		if l.Error == "" {
			sum += l.Percent
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Round(sum/float64(n)*10) / 10
}

// PassedBy counts the learners who passed column i.
func (r *Report) PassedBy(i int) int {
	n := 0
	for _, l := range r.Learners {
		if i < len(l.Cells) && l.Cells[i].Status == string(grade.Pass) {
			n++
		}
	}
	return n
}

// shortPath is the file name of a root-relative path.
func shortPath(p string) string { return p[strings.LastIndex(p, "/")+1:] }
