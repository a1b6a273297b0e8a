package gotest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Options configures one `go test -json` run.
type Options struct {
	// Dir is the module directory to run in.
	Dir string
	// Patterns are the package patterns, e.g. "./exercises/...".
	Patterns []string
	// Tags is passed as -tags when not empty.
	Tags string
	// Timeout is passed as -timeout when not empty, e.g. "60s".
	Timeout string
	// Flags are more `go test` flags, e.g. "-count=1", "-overlay=FILE".
	Flags []string
	// OnEvent, when set, is called for every event as it arrives.
	OnEvent func(Event)
}

// Args returns the go command's arguments for o.
func (o Options) Args() []string {
	args := []string{"test", "-json"}
	if o.Tags != "" {
		args = append(args, "-tags", o.Tags)
	}
	if o.Timeout != "" {
		args = append(args, "-timeout", o.Timeout)
	}
	args = append(args, o.Flags...)
	return append(args, o.Patterns...)
}

// Run runs `go test -json` and returns the folded report. Failing tests are
// not an error: the error is for a go command that could not run or that
// failed without reporting any package (a bad pattern, a broken go.mod), and
// then it carries the go command's own message.
func Run(ctx context.Context, o Options) (*Report, error) {
	cmd := exec.CommandContext(ctx, "go", o.Args()...)
	cmd.Dir = o.Dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start the go command: %w", err)
	}
	p := NewParser()
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if ev, ok := p.Line(sc.Bytes()); ok && o.OnEvent != nil {
			o.OnEvent(ev)
		}
	}
	scanErr := sc.Err()
	waitErr := cmd.Wait()
	report := p.Report()
	if stderr.Len() > 0 {
		report.Stray += stderr.String()
	}
	if ctx.Err() != nil {
		return report, ctx.Err()
	}
	if scanErr != nil {
		return report, scanErr
	}
	var exit *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exit) {
		return report, waitErr
	}
	if waitErr != nil && len(report.Packages) == 0 {
		msg := strings.TrimSpace(report.Stray)
		if msg == "" {
			msg = waitErr.Error()
		}
		return report, fmt.Errorf("go %s (in %s) failed:\n%s", strings.Join(o.Args(), " "), o.Dir, msg)
	}
	return report, nil
}
