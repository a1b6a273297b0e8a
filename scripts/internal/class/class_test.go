package class

import (
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"workbook/scripts/internal/grade"
	"workbook/scripts/internal/manifest"
)

var columns = []Column{
	{ID: "01-http/1-parse", Chapter: "01-http", Exercise: "1-parse", Title: "Parse", MaxPoints: 1},
	{ID: "01-http/2-write", Chapter: "01-http", Exercise: "2-write", Title: "Write", MaxPoints: 2},
	{ID: "02-routing/1-trie", Chapter: "02-routing", Exercise: "1-trie", Title: "Trie <router>", MaxPoints: 3},
}

func results(statuses ...grade.Status) *grade.Results {
	r := &grade.Results{Version: grade.Version}
	for i, s := range statuses {
		c := columns[i]
		ex := grade.ExerciseResult{Chapter: c.Chapter, Exercise: c.Exercise, Status: s, MaxPoints: c.MaxPoints, Tampered: []string{}}
		if s == grade.Pass {
			ex.Points = c.MaxPoints
		}
		if s == grade.Tampered {
			p := "01-http/exercises/2-write/write_test.go"
			ex.Tampered = []string{p}
			ex.Changes = []manifest.Change{{Path: p, Kind: manifest.Modified}}
		}
		r.Exercises = append(r.Exercises, ex)
	}
	return r
}

func sample() *Report {
	graded := []Graded{
		{Name: "zoe", Results: results(grade.Pass, grade.Pass, grade.Pass), Duration: 1500 * time.Millisecond},
		{Name: "amy", Results: results(grade.Pass, grade.Tampered, grade.Fail),
			Against: map[string]string{"01-http/exercises/2-write/write_test.go": AgainstInstructor}, Notes: []string{"exercises.sum differs"}},
		{Name: "<b>bob</b>", Err: errors.New("not a clone of the workbook: no go.work in it")},
		// A clone that lacks the last exercise: its result is absent.
		{Name: "kim", Results: results(grade.Pass, grade.Skipped)},
	}
	return Build("/class/2026", "/home/teacher/workbook", columns, graded, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
}

func TestBuild(t *testing.T) {
	r := sample()
	if got := strings.Join(r.Chapters, ","); got != "01-http,02-routing" {
		t.Errorf("chapters = %s", got)
	}
	var names []string
	for _, l := range r.Learners {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ","); got != "<b>bob</b>,amy,kim,zoe" {
		t.Fatalf("learners = %s, want sorted by name", got)
	}
	bob, amy, kim, zoe := r.Learners[0], r.Learners[1], r.Learners[2], r.Learners[3]
	if zoe.Score != 6 || zoe.MaxScore != 6 || zoe.Percent != 100 || zoe.Passed != 3 || zoe.Seconds != 1.5 {
		t.Errorf("zoe = %+v, want 6/6, 100%%, 3 passed, 1.5s", zoe)
	}
	if amy.Score != 1 || amy.Percent != 16.7 || amy.Tampered != 1 || amy.Chapters[0].Score != 1 || amy.Chapters[1].Score != 0 {
		t.Errorf("amy = %+v, want 1/6 (16.7%%), 1 tampered", amy)
	}
	if tp := amy.Cells[1].Tamper; len(tp) != 1 || tp[0].Against != AgainstInstructor || tp[0].Change != "modified" {
		t.Errorf("amy's tamper = %+v, want the test file, modified, against the instructor's sum", tp)
	}
	if bob.Error == "" || bob.Score != 0 || bob.MaxScore != 6 || len(bob.Cells) != 3 || bob.Cells[0].Status != "error" {
		t.Errorf("bob = %+v, want an error row with three error cells", bob)
	}
	if c := kim.Cells[2]; c.Status != "error" || !strings.Contains(c.Message, "not in this clone") || kim.Cells[1].Status != "skipped" {
		t.Errorf("kim = %+v, want skipped, then an error for the exercise the clone lacks", kim.Cells)
	}
	// Bob could not be graded, so he is not in the average.
	if got := r.Average(); got != 44.5 {
		t.Errorf("average = %v, want 44.5 (100, 16.7, 16.7)", got)
	}
	if got := r.PassedBy(0); got != 3 {
		t.Errorf("PassedBy(0) = %d, want 3", got)
	}
}

func TestCSV(t *testing.T) {
	b, err := sample().CSV()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := "learner,score,max_score,percent,passed,exercises,tampered,01-http points,02-routing points," +
		"01-http/1-parse,01-http/1-parse points,01-http/2-write,01-http/2-write points,02-routing/1-trie,02-routing/1-trie points,error,notes"
	if got := strings.Join(recs[0], ","); got != wantHead {
		t.Errorf("header\n%s\nwant\n%s", got, wantHead)
	}
	if got := strings.Join(recs[2], ","); got != "amy,1,6,16.7,1,3,1,1,0,pass,1,tampered,0,fail,0,,exercises.sum differs" {
		t.Errorf("amy's row = %s", got)
	}
	if len(recs) != 5 {
		t.Errorf("%d records, want a header and four learners", len(recs))
	}
}

func TestHTML(t *testing.T) {
	b, err := sample().HTML()
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		"&lt;b&gt;bob&lt;/b&gt;", // names are escaped
		"Trie &lt;router&gt;",
		"✗ not a clone of the workbook",
		"⚠ 1 tampered",
		`class="cell s-tampered"`,
		`class="cell s-skipped"`,
		"width: 16.7%",
		"4 learners · 3 exercises in 2 chapters · 6 points to earn",
		"only against the instructor&#39;s exercises.sum",
		"graded 2026-03-01 09:00 UTC",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<b>bob</b>") || strings.Contains(page, "<script") || strings.Contains(page, "ZgotmplZ") {
		t.Error("page has unescaped input, a script, or a value html/template refused")
	}
}

func TestEmptyHTML(t *testing.T) {
	r := Build("/class", "/teacher", columns, nil, time.Now())
	b, err := r.HTML()
	if err != nil || !strings.Contains(string(b), "No clones were found") {
		t.Errorf("empty report: %v\n%s", err, b)
	}
}
