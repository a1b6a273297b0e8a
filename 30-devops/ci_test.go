package main

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

const workflowFile = "ci/workflow.yaml"

// pinnedRef is a ref that cannot move under the pipeline: a full commit
// SHA (best: a tag can be re-pointed, as happened to popular actions in
// supply-chain attacks) or at least a full version tag. A branch (main,
// master) or a major tag (v4) is whatever its owner pushed last.
var pinnedRef = regexp.MustCompile(`^([0-9a-f]{40}|v?\d+\.\d+\.\d+)$`)

// TestWorkflowLints runs actionlint — GitHub Actions' own schema, the
// ${{ }} expression checker, and the known inputs of popular actions —
// over the workflow.
func TestWorkflowLints(t *testing.T) {
	src, err := os.ReadFile(workflowFile)
	if err != nil {
		t.Fatal(err)
	}
	// Shellcheck "" turns the external shellcheck pass off: it is not
	// installed here, and the run: lines are checked below.
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: "", Pyflakes: ""})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(workflowFile, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", workflowFile, e.Line, e.Column, e.Message, e.Kind)
	}
}

// TestWorkflowPipeline checks that the pipeline is the one the chapter
// teaches: lint → test (with a real database, failing when it is missing)
// → build the image with its build info → scan it, with pinned actions and
// tools and a read-only token.
func TestWorkflowPipeline(t *testing.T) {
	src, err := os.ReadFile(workflowFile)
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(src)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", workflowFile, errs[0])
	}
	if wf.Permissions == nil || wf.Permissions.All != nil || len(wf.Permissions.Scopes) != 1 || wf.Permissions.Scopes["contents"] == nil || wf.Permissions.Scopes["contents"].Value.Value != "read" {
		t.Errorf("workflow permissions must be exactly contents: read")
	}
	runs := map[string][]string{} // job → its run: scripts
	uses := map[string][]string{} // job → its actions
	for id, job := range wf.Jobs {
		if job.TimeoutMinutes == nil {
			t.Errorf("job %s has no timeout-minutes: a hung step would hold a runner for 6 hours", id)
		}
		if job.Permissions != nil {
			t.Errorf("job %s widens the permissions", id)
		}
		for _, st := range job.Steps {
			if st.Name == nil {
				t.Errorf("job %s has a step without a name", id)
			}
			switch ex := st.Exec.(type) {
			case *actionlint.ExecRun:
				runs[id] = append(runs[id], ex.Run.Value)
			case *actionlint.ExecAction:
				u := ex.Uses.Value
				uses[id] = append(uses[id], u)
				_, ref, _ := strings.Cut(u, "@")
				if !pinnedRef.MatchString(ref) {
					t.Errorf("job %s uses %s: pin a full version or a commit SHA, not %q", id, u, ref)
				}
				if strings.HasPrefix(u, "actions/checkout@") && (ex.Inputs["persist-credentials"] == nil || ex.Inputs["persist-credentials"].Value.Value != "false") {
					t.Errorf("job %s: checkout leaves the token in .git/config; set persist-credentials: false", id)
				}
			}
		}
	}
	for _, want := range []struct{ job, needle string }{
		{"lint", "gofmt -l"}, {"lint", "go vet"}, {"lint", "staticcheck"}, {"lint", "govulncheck"},
		{"test", "go test -race"}, {"test", "postgresql-client"},
		{"build", "docker build -f 30-devops/Dockerfile"},
	} {
		if !slices.ContainsFunc(runs[want.job], func(r string) bool { return strings.Contains(r, want.needle) }) {
			t.Errorf("job %s has no step running %q", want.job, want.needle)
		}
	}
	// Tools run with `go run pkg@version` are pinned like actions.
	for job, scripts := range runs {
		for _, r := range scripts {
			for _, m := range regexp.MustCompile(`go run \S+@(\S+)`).FindAllStringSubmatch(r, -1) {
				if m[1] == "latest" || !regexp.MustCompile(`^v?\d+\.\d+\.\d+$`).MatchString(m[1]) {
					t.Errorf("job %s runs a tool at %q: pin its version", job, m[1])
				}
			}
		}
	}
	if !slices.ContainsFunc(uses["build"], func(u string) bool { return strings.HasPrefix(u, "aquasecurity/trivy-action@") }) {
		t.Error("the build job does not scan the image")
	}
	test := wf.Jobs["test"]
	if test == nil || test.Services == nil || test.Services.Value["postgres"] == nil {
		t.Fatal("the test job has no postgres service")
	}
	if img := test.Services.Value["postgres"].Container.Image.Value; !regexp.MustCompile(`^postgres:15\.\d+`).MatchString(img) {
		t.Errorf("test database image %q, want a pinned PostgreSQL 15.x like the compose file", img)
	}
	if v := test.Env.Vars["workbook_require_services"]; v == nil || !strings.Contains(v.Value.Value, "postgres") {
		t.Error("the test job must set WORKBOOK_REQUIRE_SERVICES=postgres, or a missing database skips the backup tests")
	}
	build := wf.Jobs["build"]
	if build == nil || len(build.Needs) != 2 {
		t.Fatal("build must need lint and test")
	}
	// The build passes every ARG the Dockerfile's go build line uses.
	dockerfile, _ := os.ReadFile("Dockerfile")
	for _, m := range regexp.MustCompile(`-X main\.\w+=\$\{(\w+)\}`).FindAllStringSubmatch(string(dockerfile), -1) {
		if !slices.ContainsFunc(runs["build"], func(r string) bool { return strings.Contains(r, "--build-arg "+m[1]+"=") }) {
			t.Errorf("the Dockerfile links %s into the binary, but the build job does not pass --build-arg %s", m[1], m[1])
		}
	}
}

// TestPinnedRef: the rule on its own.
func TestPinnedRef(t *testing.T) {
	for ref, want := range map[string]bool{
		"v4.2.2": true, "0.35.0": true, "11bd71901bbe5b1630ceea73d27597364c9af683": true,
		"v4": false, "main": false, "master": false, "latest": false, "v4.2": false, "11bd719": false, "": false,
	} {
		if got := pinnedRef.MatchString(ref); got != want {
			t.Errorf("pinned(%q) = %v, want %v", ref, got, want)
		}
	}
}
