package grade

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"workbook/scripts/internal/gotest"
)

// Service is a backing service that workbook/testinfra hands to tests, as
// testinfra names it (in WORKBOOK_REQUIRE_SERVICES and its skip messages).
type Service struct {
	Name    string // "postgres"
	Title   string // "PostgreSQL", for people
	EnvVar  string // the variable that points testinfra at a running one
	Example string // an example value of EnvVar, as testinfra's skip message gives it
	Compose string // the docker-compose.yml service that provides it
}

// Services are testinfra's services, in its order. A test in this package
// checks them against testinfra's source.
var Services = []Service{
	{"postgres", "PostgreSQL", "WORKBOOK_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable", "postgres"},
	{"rabbitmq", "RabbitMQ", "WORKBOOK_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/", "rabbitmq"},
	{"memcached", "memcached", "WORKBOOK_MEMCACHED_ADDR", "127.0.0.1:11211", "memcached"},
	{"smtp", "SMTP (Mailpit)", "WORKBOOK_SMTP_ADDR", "127.0.0.1:1025 WORKBOOK_MAILPIT_URL=http://127.0.0.1:8025", "mailpit"},
	{"elasticsearch", "Elasticsearch", "WORKBOOK_ELASTICSEARCH_URL", "http://127.0.0.1:9200", "elasticsearch"},
	{"s3", "S3 (MinIO)", "WORKBOOK_S3_URL", "http://127.0.0.1:9000 (with WORKBOOK_S3_ACCESS_KEY, WORKBOOK_S3_SECRET_KEY)", "minio"},
}

// LookupService returns the service called name, and whether there is one.
func LookupService(name string) (Service, bool) {
	for _, s := range Services {
		if s.Name == name {
			return s, true
		}
	}
	return Service{}, false
}

// StartHint says how to make the service available to the tests, e.g.
// "docker compose up -d postgres, or set WORKBOOK_POSTGRES_URL=postgres://…"
// (or start Docker, and testinfra starts a container itself).
func (s Service) StartHint() string {
	return "`docker compose up -d " + s.Compose + "`, or set " + s.EnvVar + "=" + s.Example
}

// Skip is why one test was skipped.
type Skip struct {
	Test string // the test's full name
	// File and Line are where t.Skip was called, as the testing package
	// printed it ("keyset_test.go", 40); File is "" when the skip printed
	// nothing (t.SkipNow).
	File string
	Line int
	// Message is the skip message's first line, without "file:line: ".
	Message string
	// Service is the testinfra service whose absence the message reports,
	// or "" when testinfra did not make this skip.
	Service string
	// EnvVar is the variable the message says to set (testinfra's
	// "set WORKBOOK_…=" part), when Service is set.
	EnvVar string
}

// Where is "file:line" of the skip, or "" when unknown.
func (s Skip) Where() string {
	if s.File == "" {
		return ""
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// FromTestFile reports whether t.Skip was called from a _test.go file. A
// helper marked with t.Helper() reports its caller, so testinfra's skips
// point at the test that asked for the service.
func (s Skip) FromTestFile() bool { return strings.HasSuffix(s.File, "_test.go") }

var (
	// logLine is a line the testing package decorated: "    name.go:12: text".
	logLine = regexp.MustCompile(`^\s*([^\s:]+\.go):(\d+): (.*)$`)
	// unavailableMsg is testinfra's skip, from its unavailable function:
	// "<name> unavailable (<why>): set <VAR>=<example> (e.g. `docker compose
	// up -d <svc>`) or start Docker".
	unavailableMsg = regexp.MustCompile(`^([a-z0-9]+) unavailable \(.*\): set (WORKBOOK_[A-Z0-9_]+)=`)
)

// parseSkip reads a skipped test's output.
func parseSkip(t *gotest.Test) Skip {
	s := Skip{Test: t.Name}
	lines := strings.Split(t.Output, "\n")
	// The skip message is the last decorated line: t.Skip logs it last.
	for i := len(lines) - 1; i >= 0; i-- {
		m := logLine.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		s.File = m[1]
		s.Line, _ = strconv.Atoi(m[2])
		s.Message = strings.TrimSpace(m[3])
		break
	}
	if s.File == "" {
		s.Message = firstLine(t.Output)
	}
	if m := unavailableMsg.FindStringSubmatch(s.Message); m != nil {
		if svc, ok := LookupService(m[1]); ok {
			s.Service, s.EnvVar = svc.Name, m[2]
		}
	}
	return s
}

// getenv is the grader's environment, which the test binaries inherit.
// Tests replace it.
var getenv = os.Getenv

// injected returns why a skip cannot have come from the exercise's tests,
// or "" when it may have. testsSkip says whether the exercise's test files
// call Skip themselves (unknown is true).
func (s Skip) injected(testsSkip bool) string {
	switch {
	case s.File != "" && !s.FromTestFile():
		return s.Test + " was skipped from " + s.Where() + ", which is not a test file"
	case s.Service != "":
		if svc, _ := LookupService(s.Service); getenv(svc.EnvVar) != "" {
			// testinfra reads the variable first and never skips when it
			// is set (a configured service that fails is a failure), so
			// code under test changed the environment or faked the message.
			return s.Test + " was skipped as if " + svc.Title + " were missing, but " + svc.EnvVar + " is set"
		}
	case !testsSkip:
		msg := s.Message
		if msg == "" {
			msg = "no message"
		}
		return s.Test + " was skipped (" + msg + ") though the exercise's tests never call Skip and no service is missing"
	}
	return ""
}

// TestsCallSkip reports whether the *_test.go files in dir call Skip,
// Skipf or SkipNow themselves (testinfra's skips are not counted: they come
// through testinfra's helpers). A skip that neither testinfra nor the test
// files can make was injected by the code under test.
func TestsCallSkip(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			// The grader sees the build error; assume the worst here.
			return true, nil
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Skip", "Skipf", "SkipNow":
					found = true
				}
			}
			return !found
		})
		if found {
			return true, nil
		}
	}
	return false, nil
}
