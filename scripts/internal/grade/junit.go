package grade

import (
	"encoding/xml"
	"os"
	"strconv"
	"strings"
)

// JUnit XML, in the shape CI systems (GitLab, Jenkins, GitHub test
// reporters) read: one <testsuite> per exercise, one <testcase> per test.

// JUnitSuites is the document root.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     Seconds      `xml:"time,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one exercise.
type JUnitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       Seconds         `xml:"time,attr"`
	Properties []JUnitProperty `xml:"properties>property,omitempty"`
	Cases      []JUnitCase     `xml:"testcase"`
}

// JUnitProperty is a name/value pair on a suite.
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitCase is one test.
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      Seconds       `xml:"time,attr"`
	Failure   *JUnitMessage `xml:"failure,omitempty"`
	Error     *JUnitMessage `xml:"error,omitempty"`
	Skipped   *JUnitMessage `xml:"skipped,omitempty"`
}

// Seconds is a duration in seconds, written with millisecond precision
// ("0.125") as JUnit's time attributes are.
type Seconds float64

// MarshalXMLAttr writes s as "0.125".
func (s Seconds) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: strconv.FormatFloat(float64(s), 'f', 3, 64)}, nil
}

// UnmarshalXMLAttr reads a time attribute.
func (s *Seconds) UnmarshalXMLAttr(attr xml.Attr) error {
	f, err := strconv.ParseFloat(attr.Value, 64)
	*s = Seconds(f)
	return err
}

// JUnitMessage is a failure, error or skip: a one-line message and the
// full output.
type JUnitMessage struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

// JUnit converts the results.
func (r *Results) JUnit() *JUnitSuites {
	doc := &JUnitSuites{Name: "workbook grade"}
	byExercise := map[string][]TestResult{}
	for _, t := range r.Tests {
		k := t.Chapter + "/" + t.Exercise
		byExercise[k] = append(byExercise[k], t)
	}
	for _, ex := range r.Exercises {
		id := ex.Chapter + "/" + ex.Exercise
		s := JUnitSuite{
			Name: id,
			Time: Seconds(ex.Elapsed),
			Properties: []JUnitProperty{
				{Name: "title", Value: ex.Title},
				{Name: "status", Value: string(ex.Status)},
				{Name: "points", Value: itoa(ex.Points)},
				{Name: "max_points", Value: itoa(ex.MaxPoints)},
			},
		}
		for _, t := range byExercise[id] {
			c := JUnitCase{Name: t.Name, ClassName: id, Time: Seconds(t.Elapsed)}
			switch {
			case t.Status == string(Fail):
				c.Failure = &JUnitMessage{Message: firstLine(t.Message), Body: t.Message}
				s.Failures++
			case t.Status == string(Error) && strings.HasPrefix(t.Message, "skipped: "):
				c.Skipped = &JUnitMessage{Message: firstLine(strings.TrimPrefix(t.Message, "skipped: "))}
				s.Skipped++
			case t.Status == string(Error):
				c.Error = &JUnitMessage{Message: firstLine(t.Message), Body: t.Message}
				s.Errors++
			}
			s.Cases = append(s.Cases, c)
		}
		if ex.Status == Tampered {
			why := strings.Join(ex.Tampered, ", ")
			if why == "" {
				why = firstLine(ex.Message)
			}
			s.Cases = append(s.Cases, JUnitCase{
				Name:      "graded files unchanged",
				ClassName: id,
				Failure:   &JUnitMessage{Message: "tampered: " + why, Body: ex.Message},
			})
			s.Failures++
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Time += s.Time
		doc.Suites = append(doc.Suites, s)
	}
	return doc
}

// WriteJUnit writes the results as JUnit XML to name.
func (r *Results) WriteJUnit(name string) error {
	b, err := xml.MarshalIndent(r.JUnit(), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append([]byte(xml.Header), append(b, '\n')...), 0o644)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func itoa(n int) string { return strconv.Itoa(n) }
