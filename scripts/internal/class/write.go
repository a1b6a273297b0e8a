package class

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File names in the output directory.
const (
	CSVFile  = "class.csv"
	JSONFile = "class.json"
	HTMLFile = "index.html"
)

// CSV returns the table: one row per learner; the totals, then two columns
// per exercise (its status and its points), then the error and notes.
func (r *Report) CSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"learner", "score", "max_score", "percent", "passed", "exercises", "tampered"}
	for _, ch := range r.Chapters {
		head = append(head, ch+" points")
	}
	for _, c := range r.Columns {
		head = append(head, c.ID, c.ID+" points")
	}
	head = append(head, "error", "notes")
	if err := w.Write(head); err != nil {
		return nil, err
	}
	for _, l := range r.Learners {
		row := []string{
			l.Name, itoa(l.Score), itoa(l.MaxScore),
			strconv.FormatFloat(l.Percent, 'f', 1, 64),
			itoa(l.Passed), itoa(l.Exercises), itoa(l.Tampered),
		}
		for _, cs := range l.Chapters {
			row = append(row, itoa(cs.Score))
		}
		for _, c := range l.Cells {
			row = append(row, c.Status, itoa(c.Points))
		}
		row = append(row, l.Error, strings.Join(l.Notes, "; "))
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// JSON returns the report, indented.
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// WriteFiles writes class.csv, class.json and index.html into dir, which
// must exist, and returns their paths.
func (r *Report) WriteFiles(dir string) ([]string, error) {
	csvData, err := r.CSV()
	if err != nil {
		return nil, err
	}
	jsonData, err := r.JSON()
	if err != nil {
		return nil, err
	}
	htmlData, err := r.HTML()
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range []struct {
		name string
		data []byte
	}{{CSVFile, csvData}, {JSONFile, jsonData}, {HTMLFile, htmlData}} {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return nil, fmt.Errorf("writing the class report: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
