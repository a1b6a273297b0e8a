package cli

import (
	"flag"
	"regexp"
	"strings"
	"testing"
)

// TestCommandHelp: `<command> -h`, `--help` and `help <command>` print the
// usage line, the summary and every flag with its description, exit 0 and
// need no workspace — for every command, flags or none.
func TestCommandHelp(t *testing.T) {
	flagLine := regexp.MustCompile(`^  -([a-z-]+)`)
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "-help"}, {"help", c.name}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, out, errs := run(t, t.TempDir(), args...)
				if code != 0 || errs != "" {
					t.Fatalf("workbook %v = %d, stderr %q; want 0 and nothing on stderr", args, code, errs)
				}
				if !strings.HasPrefix(out, "usage: "+usageLine(c)+"\n") || !strings.Contains(out, upperFirst(c.summary)) {
					t.Errorf("workbook %v:\n%s\nwant the usage line %q and the summary", args, out, usageLine(c))
				}
				lines := strings.Split(out, "\n")
				flags := 0
				for i, l := range lines {
					m := flagLine.FindStringSubmatch(l)
					if m == nil {
						continue
					}
					flags++
					// The usage line names every flag the command has.
					if !strings.Contains(c.args, "--"+m[1]) {
						t.Errorf("flag -%s of %s is missing from its usage line %q", m[1], c.name, c.args)
					}
					// PrintDefaults puts the description on the next line.
					if i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" {
						t.Errorf("flag -%s of %s has no description:\n%s", m[1], c.name, out)
					}
				}
				if flags == 0 && !strings.Contains(out, "This command has no flags.") {
					t.Errorf("workbook %v lists no flags and does not say it has none:\n%s", args, out)
				}
				if flags > 0 && !strings.Contains(out, "\nFlags:\n") {
					t.Errorf("workbook %v has no Flags: heading:\n%s", args, out)
				}
			})
		}
	}
}

func TestCommandHelpShowsFlags(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"grade", "-h"}, []string{"-json FILE", "write results (exercism results.json v3 style) to FILE", "-timeout string", "grade --class DIR"}},
		{[]string{"hint", "--help"}, []string{"-level int", "1 a nudge"}},
		{[]string{"list", "--help"}, []string{"usage: workbook list [chapter…]", "A chapter is named 01-http, 01 or http", "This command has no flags."}},
		{[]string{"sums", "-h"}, []string{"This command has no flags."}},
		{[]string{"test", "-h"}, []string{"-modules string", "-skip-check"}},
	}
	for _, tc := range tests {
		code, out, _ := run(t, t.TempDir(), tc.args...)
		if code != 0 {
			t.Errorf("workbook %v = %d", tc.args, code)
		}
		for _, want := range tc.want {
			if !strings.Contains(out, want) {
				t.Errorf("workbook %v:\n%s\nwant %q", tc.args, out, want)
			}
		}
	}
}

func TestUsageErrorPointsAtHelp(t *testing.T) {
	code, _, errs := run(t, t.TempDir(), "grade", "--nope")
	if code != 2 || !strings.Contains(errs, "usage: workbook grade [--json FILE]") || !strings.Contains(errs, "workbook grade -h explains it") {
		t.Errorf("grade --nope = %d %q, want 2, the usage line and a pointer to -h", code, errs)
	}
}

// TestCommandHelpOtherMode: a mode parsed by its own flag set (grade
// --class) gets its own usage line and its own flags.
func TestCommandHelpOtherMode(t *testing.T) {
	var grade command
	for _, c := range commands {
		if c.name == "grade" {
			grade = c
		}
	}
	fs := flag.NewFlagSet("grade --class", flag.ContinueOnError)
	fs.String("class", "", "grade every clone in `DIR`")
	var b strings.Builder
	(&App{}).commandHelp(&b, grade, fs)
	out := b.String()
	if !strings.HasPrefix(out, "usage: workbook grade --class DIR") || !strings.Contains(out, "-class DIR\n    \tgrade every clone in DIR") || strings.Contains(out, "-json") {
		t.Errorf("help of grade --class:\n%s\nwant its own usage line and flags only", out)
	}
}
