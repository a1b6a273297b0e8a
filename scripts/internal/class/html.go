package class

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"path/filepath"
	"strconv"
	"strings"

	"workbook/scripts/internal/grade"
)

// The page is one file: the CSS is inlined, there is no script and no
// external asset, so it can be mailed or opened from disk.

//go:embed report.html.tmpl
var reportTemplate string

//go:embed report.css
var reportCSS string

var page = template.Must(template.New("report").Parse(reportTemplate))

type htmlView struct {
	Title      string
	R          *Report
	CSS        template.CSS
	Generated  string
	Average    string
	MaxScore   int
	Graded     int
	Broken     int
	Tampering  int // learners with a tampered exercise
	Rows       []htmlRow
	Class      []htmlChapter // the class's totals per chapter
	ClassBar   string
	Heads      []htmlHead // chapter headings
	Exercises  []htmlExercise
	Statuses   []htmlLegend
	Attention  []htmlRow // rows with an error, notes or tampering
	NoLearners bool
}

type htmlLegend struct{ Status, Label string }

// htmlHead is a chapter column's heading, "07" over "request content", so
// that a dozen chapters fit a laptop screen.
type htmlHead struct{ Full, Num, Name string }

type htmlRow struct {
	Learner
	Pct      string
	Chapters []htmlChapter
	Tampers  []htmlTamper
	Link     string // to the learner's results.json
	// ErrorLine is the first line of Error, shown across the chapters.
	ErrorLine string
}

type htmlChapter struct {
	Name      string
	Pct       string
	Score     int
	MaxScore  int
	Passed    int
	Exercises int
	Cells     []htmlCell
}

type htmlCell struct {
	Status string // CSS class suffix
	Label  string // the exercise number
	Tip    string
}

type htmlTamper struct {
	Exercise, File, Change, Against string
}

type htmlExercise struct {
	Column
	Passed, Of int
	Pct        string
}

// HTML renders the report as a self-contained page.
func (r *Report) HTML() ([]byte, error) {
	v := htmlView{
		Title:      filepath.Base(r.ClassDir),
		R:          r,
		CSS:        template.CSS(reportCSS),
		Generated:  r.GeneratedAt.Format("2006-01-02 15:04 MST"),
		Average:    pct(r.Average()),
		NoLearners: len(r.Learners) == 0,
		Statuses: []htmlLegend{
			{"pass", "pass"}, {"fail", "fail"}, {"error", "error (does not compile, not graded)"},
			{"skipped", "skipped (a service is missing)"}, {"tampered", "tampered (0 points)"},
		},
	}
	for _, c := range r.Columns {
		v.MaxScore += c.MaxPoints
	}
	classByChapter := map[string]*htmlChapter{}
	for _, ch := range r.Chapters {
		v.Class = append(v.Class, htmlChapter{Name: ch})
		num, name, ok := strings.Cut(ch, "-")
		if !ok {
			num, name = "", ch
		}
		v.Heads = append(v.Heads, htmlHead{Full: ch, Num: num, Name: strings.ReplaceAll(name, "-", " ")})
	}
	for i := range v.Class {
		classByChapter[v.Class[i].Name] = &v.Class[i]
	}
	classScore, classMax := 0, 0
	for _, l := range r.Learners {
		row := htmlRow{Learner: l, Pct: pct(l.Percent), Link: l.Name + "/results.json", ErrorLine: firstLines(l.Error, 1)}
		if l.Error != "" {
			v.Broken++
		} else {
			v.Graded++
		}
		if l.Tampered > 0 {
			v.Tampering++
		}
		col := 0
		for _, cs := range l.Chapters {
			hc := htmlChapter{Name: cs.Chapter, Pct: pct(cs.Percent), Score: cs.Score, MaxScore: cs.MaxScore, Passed: cs.Passed, Exercises: cs.Exercises}
			for k := 0; k < cs.Exercises && col < len(l.Cells); k++ {
				c, info := l.Cells[col], r.Columns[col]
				hc.Cells = append(hc.Cells, htmlCell{Status: statusClass(c.Status), Label: number(info.Exercise), Tip: tip(info, c)})
				for _, t := range c.Tamper {
					row.Tampers = append(row.Tampers, htmlTamper{Exercise: info.ID, File: shortPath(t.Path), Change: t.Change, Against: againstText(t.Against)})
				}
				col++
			}
			row.Chapters = append(row.Chapters, hc)
			if l.Error == "" {
				if t := classByChapter[cs.Chapter]; t != nil {
					t.Score += cs.Score
					t.MaxScore += cs.MaxScore
					t.Passed += cs.Passed
					t.Exercises += cs.Exercises
				}
			}
		}
		if l.Error == "" {
			classScore += l.Score
			classMax += l.MaxScore
		}
		v.Rows = append(v.Rows, row)
		if l.Error != "" || len(l.Notes) > 0 || len(row.Tampers) > 0 {
			v.Attention = append(v.Attention, row)
		}
	}
	for i := range v.Class {
		v.Class[i].Pct = pct(percent(v.Class[i].Score, v.Class[i].MaxScore))
	}
	v.ClassBar = pct(percent(classScore, classMax))
	for i, c := range r.Columns {
		n := r.PassedBy(i)
		v.Exercises = append(v.Exercises, htmlExercise{Column: c, Passed: n, Of: v.Graded, Pct: pct(percent(n, v.Graded))})
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// statusClass maps a status to its CSS class; a status this page does not
// know is drawn neutral rather than dropped.
func statusClass(s string) string {
	switch grade.Status(s) {
	case grade.Pass, grade.Fail, grade.Error, grade.Skipped, grade.Tampered:
		return s
	}
	return "other"
}

// number is the exercise's number, "3" for "3-keyset-pagination".
func number(name string) string {
	n, _, _ := strings.Cut(name, "-")
	if _, err := strconv.Atoi(n); err != nil {
		return "?"
	}
	return n
}

func tip(col Column, c Cell) string {
	s := fmt.Sprintf("%s · %s\n%s · %d/%d points · %d/%d tests", col.ID, col.Title, c.Status, c.Points, c.MaxPoints, c.TestsPassed, c.TestsTotal)
	for _, t := range c.Tamper {
		s += fmt.Sprintf("\n%s %s (%s)", shortPath(t.Path), t.Change, againstText(t.Against))
	}
	if len(c.NeedsServices) > 0 {
		s += "\nneeds " + strings.Join(c.NeedsServices, ", ")
	}
	if c.Message != "" && len(c.Tamper) == 0 {
		s += "\n" + firstLines(c.Message, 4)
	}
	return s
}

func againstText(a string) string {
	switch a {
	case AgainstBoth:
		return "against both exercises.sum"
	case AgainstInstructor:
		return "only against the instructor's exercises.sum (the clone's was rewritten to match, or is another version)"
	}
	return "against the clone's exercises.sum only"
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// pct formats a percentage for a label and a CSS width: "42.5", "100".
func pct(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }
