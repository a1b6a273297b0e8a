package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// parseDockerfile parses src with BuildKit's own parser, the one `docker
// build` runs, into stages of typed instructions.
func parseDockerfile(t *testing.T, src string) []instructions.Stage {
	t.Helper()
	res, err := parser.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	stages, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		t.Fatalf("instructions: %v", err)
	}
	return stages
}

var (
	// A minimal final base: distroless static, or nothing at all.
	minimalBase = regexp.MustCompile(`^(scratch|gcr\.io/distroless/static(-debian\d+)?(:[\w.-]+)?(@sha256:[0-9a-f]{64})?)$`)
	numericUser = regexp.MustCompile(`^(\d+)(:\d+)?$`)
	secretName  = regexp.MustCompile(`(?i)(passw|secret|token|api_?key|private_?key|credential)`)
)

// dockerfileProblems lists what is wrong with a Dockerfile for a
// production image: ≥ 2 stages, a final stage on a pinned minimal base, a
// numeric non-root USER, no secret in ENV or ARG (both stay readable in the
// image's history), and a HEALTHCHECK — or a comment saying why not.
func dockerfileProblems(t *testing.T, src string) []string {
	t.Helper()
	stages := parseDockerfile(t, src)
	var p []string
	if len(stages) < 2 {
		p = append(p, fmt.Sprintf("%d stage(s): build in one stage, ship from another", len(stages)))
	}
	if len(stages) == 0 {
		return p
	}
	final := stages[len(stages)-1]
	base := final.BaseName
	_, tag, _ := strings.Cut(strings.Split(base, "@")[0], ":")
	switch {
	case !minimalBase.MatchString(base):
		p = append(p, "final base "+base+" is not distroless/static or scratch")
	case base != "scratch" && tag == "" && !strings.Contains(base, "@sha256:"):
		p = append(p, "final base "+base+" has no tag or digest (that means latest)")
	case tag == "latest":
		p = append(p, "final base "+base+" is latest")
	}
	var user string
	health := false
	for _, st := range stages {
		for _, c := range st.Commands {
			switch c := c.(type) {
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if secretName.MatchString(kv.Key) {
						p = append(p, "ENV "+kv.Key+" in stage "+st.Name+" looks like a secret: use a build secret (RUN --mount=type=secret) or runtime config")
					}
				}
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if secretName.MatchString(kv.Key) {
						p = append(p, "ARG "+kv.Key+" looks like a secret: build args are kept in the image history")
					}
				}
			}
		}
	}
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.HealthCheckCommand:
			health = len(c.Health.Test) > 0 && c.Health.Test[0] != "NONE"
		case *instructions.RunCommand:
			if c.PrependShell {
				p = append(p, "RUN in shell form in the final stage: "+base+" has no shell")
			}
		}
	}
	m := numericUser.FindStringSubmatch(user)
	switch {
	case user == "":
		p = append(p, "no USER in the final stage: the process runs as root")
	case m == nil:
		p = append(p, "USER "+user+" is not numeric: runAsNonRoot cannot verify a name")
	case m[1] == "0":
		p = append(p, "USER "+user+" is root")
	}
	if !health && !strings.Contains(src, "# no HEALTHCHECK:") {
		p = append(p, "no HEALTHCHECK, and no `# no HEALTHCHECK:` comment saying why (e.g. the orchestrator probes instead)")
	}
	return p
}

func TestDockerfiles(t *testing.T) {
	for _, path := range []string{"Dockerfile", "../capstone/Dockerfile"} {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, problem := range dockerfileProblems(t, string(src)) {
				t.Errorf("%s: %s", path, problem)
			}
		})
	}
}

// TestDockerfileRulesCatchMistakes proves the checker: each Dockerfile
// breaks one rule, and the checker must say so.
func TestDockerfileRulesCatchMistakes(t *testing.T) {
	const build = "FROM golang:1.26.8-alpine AS build\nRUN go build -o /out/app .\n"
	const tail = "COPY --from=build /out/app /app\nUSER 65532:65532\nHEALTHCHECK CMD [\"/app\", \"healthcheck\"]\n"
	for _, tc := range []struct{ name, src, want string }{
		{"single stage", "FROM golang:1.26.8-alpine\nUSER 1000\nHEALTHCHECK CMD [\"/app\"]\n", "stage(s)"},
		{"fat base", build + "FROM debian:12\n" + tail, "not distroless/static or scratch"},
		{"latest", build + "FROM gcr.io/distroless/static-debian12:latest\n" + tail, "is latest"},
		{"untagged", build + "FROM gcr.io/distroless/static-debian12\n" + tail, "no tag or digest"},
		{"no user", build + "FROM scratch\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD [\"/app\"]\n", "no USER"},
		{"named user", build + "FROM scratch\nCOPY --from=build /out/app /app\nUSER nonroot\nHEALTHCHECK CMD [\"/app\"]\n", "not numeric"},
		{"root user", build + "FROM scratch\nCOPY --from=build /out/app /app\nUSER 0:0\nHEALTHCHECK CMD [\"/app\"]\n", "is root"},
		{"secret env", "FROM golang:1.26.8-alpine AS build\nENV DB_PASSWORD=hunter2\n" + "FROM scratch\n" + tail, "ENV DB_PASSWORD"},
		{"secret arg", "FROM golang:1.26.8-alpine AS build\nARG GITHUB_TOKEN\n" + "FROM scratch\n" + tail, "ARG GITHUB_TOKEN"},
		{"shell in distroless", build + "FROM gcr.io/distroless/static-debian12:nonroot\nRUN mkdir /data\n" + tail, "has no shell"},
		{"no healthcheck", build + "FROM scratch\nCOPY --from=build /out/app /app\nUSER 65532\n", "no HEALTHCHECK"},
		{"healthcheck none", build + "FROM scratch\nCOPY --from=build /out/app /app\nUSER 65532\nHEALTHCHECK NONE\n", "no HEALTHCHECK"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dockerfileProblems(t, tc.src)
			if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Errorf("problems = %q, want one containing %q", got, tc.want)
			}
		})
	}
	ok := build + "FROM scratch\nCOPY --from=build /out/app /app\nUSER 65532\n# no HEALTHCHECK: Kubernetes probes /livez instead\n"
	if got := dockerfileProblems(t, ok); len(got) != 0 {
		t.Errorf("a scratch image with a reason for no HEALTHCHECK: %q, want none", got)
	}
	digest := build + "FROM gcr.io/distroless/static-debian12@sha256:" + strings.Repeat("ab", 32) + "\n" + tail
	if got := dockerfileProblems(t, digest); len(got) != 0 {
		t.Errorf("a base pinned by digest: %q, want none", got)
	}
}

// TestDockerfileBuildStage plays the build stage without Docker: its COPY
// lines copy from the repository root (the build context) into a temporary
// root, and its `go build` line runs as the Dockerfile writes it — its
// -ldflags, the ARGs expanded by BuildKit's own shell lexer, the stage's
// ENV, the stage's WORKDIR — only with the output in the temporary
// directory. There is no Docker engine on this machine; this proves the
// part of the image that is Go: the COPY lines bring everything the build
// needs, the flags link, and /version reports what the build arguments said.
func TestDockerfileBuildStage(t *testing.T) {
	src, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	stages := parseDockerfile(t, string(src))
	args := map[string]string{"VERSION": "1.2.3-test", "COMMIT": "0123456789abcdef0123456789abcdef01234567", "BUILD_TIME": "2026-12-01T10:00:00Z"}
	root := t.TempDir() // stands for the image's /
	lex := shell.NewLex('\\')
	var env []string
	var goBuild []string
	workdir := root
	for _, c := range stages[0].Commands {
		switch c := c.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				if _, ok := args[kv.Key]; !ok {
					t.Errorf("ARG %s: the test does not know it", kv.Key)
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				// Values are written as in a shell: quotes and $VARs.
				v, _, err := lex.ProcessWord(kv.Value, shell.EnvsFromSlice(env))
				if err != nil {
					t.Fatal(err)
				}
				env = append(env, kv.Key+"="+v)
			}
		case *instructions.WorkdirCommand:
			workdir = filepath.Join(root, c.Path)
		case *instructions.CopyCommand:
			if c.From != "" {
				t.Fatalf("COPY --from in the build stage: %v", c)
			}
			for _, from := range c.SourcePaths {
				copyInto(t, filepath.Join("..", from), filepath.Join(root, c.DestPath))
			}
		case *instructions.RunCommand:
			vars := slices.Clone(env)
			for k, v := range args {
				vars = append(vars, k+"="+v)
			}
			words, err := lex.ProcessWords(strings.Join(c.CmdLine, " "), shell.EnvsFromSlice(vars))
			if err != nil {
				t.Fatal(err)
			}
			if len(words) > 1 && words[0] == "go" && words[1] == "build" {
				goBuild = words
			}
		}
	}
	if goBuild == nil {
		t.Fatal("the build stage has no `go build` RUN line")
	}
	bin := filepath.Join(t.TempDir(), "server")
	for i, w := range goBuild {
		if w == "-o" && i+1 < len(goBuild) {
			goBuild[i+1] = bin
		}
	}
	if !slices.Contains(goBuild, bin) {
		t.Fatalf("the go build line has no -o: %q", goBuild)
	}
	cmd := exec.Command("go", goBuild[1:]...)
	cmd.Dir = workdir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%q in %s: %v\n%s", goBuild, workdir, err, out)
	}
	want := buildInfo{Version: args["VERSION"], Commit: args["COMMIT"], BuildTime: args["BUILD_TIME"]}
	got := runVersion(t, bin)
	if got.Version != want.Version || got.Commit != want.Commit || got.BuildTime != want.BuildTime {
		t.Errorf("/version = %+v, want the build args %+v", got, want)
	}
	if got.VCSModified != nil {
		t.Errorf("vcsModified = %v, want null: the Dockerfile builds with -buildvcs=false (no .git in the image's context)", *got.VCSModified)
	}
	goVersion, _ := exec.Command("go", "env", "GOVERSION").Output()
	if got.GoVersion != strings.TrimSpace(string(goVersion)) || got.Module != "workbook/30-devops" {
		t.Errorf("/version says go %q, module %q; want %q, workbook/30-devops", got.GoVersion, got.Module, goVersion)
	}
}

// copyInto does what COPY does with one source: a file goes into dest (a
// directory when it ends in /), a directory's contents go under dest.
func copyInto(t *testing.T, from, dest string) {
	t.Helper()
	st, err := os.Stat(from)
	if err != nil {
		t.Fatalf("COPY source: %v", err)
	}
	if !st.IsDir() {
		copyFile(t, from, filepath.Join(dest, filepath.Base(from)))
		return
	}
	err = filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		copyFile(t, path, filepath.Join(dest, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBuildInfoFromVCS builds without -X commit and with VCS stamping: the
// commit and vcs.modified come from the go command's own record, and agree
// with what `go version -m` reads from the binary.
func TestBuildInfoFromVCS(t *testing.T) {
	if err := exec.Command("git", "rev-parse", "HEAD").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no git checkout in CI: %v", err)
		}
		t.Skip("not a git checkout: VCS stamping has nothing to record")
	}
	bin := filepath.Join(t.TempDir(), "server")
	out, err := exec.Command("go", "build", "-buildvcs=true", "-ldflags", "-X main.version=9.9.9", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	meta, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s+build\s+(vcs\.\w+)=(\S*)$`).FindAllStringSubmatch(string(meta), -1) {
		settings[m[1]] = m[2]
	}
	got := runVersion(t, bin)
	if got.Version != "9.9.9" || got.Commit != settings["vcs.revision"] || len(got.Commit) != 40 {
		t.Errorf("/version = %+v; want version 9.9.9 and commit %q from vcs.revision", got, settings["vcs.revision"])
	}
	if got.VCSModified == nil || strconv.FormatBool(*got.VCSModified) != settings["vcs.modified"] {
		t.Errorf("vcsModified = %v, want %s as go version -m reads it", got.VCSModified, settings["vcs.modified"])
	}
}

// runVersion starts bin on a free loopback port, waits for /livez, and
// returns its /version.
func runVersion(t *testing.T, bin string) buildInfo {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "-addr", addr)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := exec.Command(bin, "-addr", addr, "healthcheck").Run(); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer /livez on %s within 10s", bin, addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/version")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var bi buildInfo
	if err := json.NewDecoder(resp.Body).Decode(&bi); err != nil {
		t.Fatal(err)
	}
	return bi
}
