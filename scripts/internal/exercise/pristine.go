package exercise

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
)

// PristineStubs returns the stub files (RelDir/File, slash-separated) that
// git says are tracked and unchanged since the last commit. A stub that
// returns zero values may not contain NotImplementedMarker; an unchanged
// one still means "not started". Without git, or outside a git checkout,
// the result is empty.
func PristineStubs(ctx context.Context, root string, exs []*Exercise) map[string]bool {
	var paths []string
	for _, e := range exs {
		if f := e.StubFile(); f != "" {
			paths = append(paths, f)
		}
	}
	out := map[string]bool{}
	if len(paths) == 0 {
		return out
	}
	git := func(args ...string) ([]string, bool) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root}, args...)...)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			return nil, false
		}
		return strings.Split(strings.TrimSpace(stdout.String()), "\n"), true
	}
	tracked, ok := git(append([]string{"ls-files", "--"}, paths...)...)
	if !ok {
		return out
	}
	changed, ok := git(append([]string{"diff", "--name-only", "HEAD", "--"}, paths...)...)
	if !ok {
		return out
	}
	dirty := map[string]bool{}
	for _, p := range changed {
		dirty[filepath.ToSlash(p)] = true
	}
	for _, p := range tracked {
		p = filepath.ToSlash(strings.TrimSpace(p))
		if p != "" && !dirty[p] {
			out[p] = true
		}
	}
	return out
}
