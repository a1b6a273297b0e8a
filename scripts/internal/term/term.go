// Package term formats the workbook command's output: colour (off when
// NO_COLOR is set or the output is not a terminal), status marks, progress
// bars and aligned tables.
package term

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Style decides whether to emit ANSI escapes.
type Style struct {
	Color bool
	// TTY is true when the output is a terminal (clearing the screen makes
	// sense).
	TTY bool
}

// StyleFor returns the style for w: colour only when w is a terminal and
// NO_COLOR (https://no-color.org) is unset or empty.
func StyleFor(w io.Writer, getenv func(string) string) Style {
	tty := IsTerminal(w)
	return Style{TTY: tty, Color: tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"}
}

// IsTerminal reports whether w is a character device.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (s Style) wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s Style) Bold(t string) string   { return s.wrap("1", t) }
func (s Style) Dim(t string) string    { return s.wrap("2", t) }
func (s Style) Red(t string) string    { return s.wrap("31", t) }
func (s Style) Green(t string) string  { return s.wrap("32", t) }
func (s Style) Yellow(t string) string { return s.wrap("33", t) }
func (s Style) Cyan(t string) string   { return s.wrap("36", t) }

// Marks used across the command.
const (
	MarkPass = "✓"
	MarkFail = "✗"
	MarkTodo = "·"
	MarkWarn = "!"
)

// ClearScreen returns the escape that clears a terminal and homes the
// cursor, or "" when the output is not a terminal.
func (s Style) ClearScreen() string {
	if !s.TTY {
		return ""
	}
	return "\x1b[H\x1b[2J"
}

// Bar draws "[#####-----] 5/10" with width cells.
func Bar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	if filled > width {
		filled = width
	}
	return fmt.Sprintf("[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat("-", width-filled), done, total)
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// Width is the number of terminal cells s occupies (ANSI escapes excluded;
// every rune counted as one cell).
func Width(s string) int { return utf8.RuneCountInString(ansi.ReplaceAllString(s, "")) }

// Pad right-pads s with spaces to width cells.
func Pad(s string, width int) string {
	if w := Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// Table writes rows with columns aligned by visible width and separated by
// two spaces. The last column is not padded.
func Table(w io.Writer, indent string, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			if cw := Width(c); cw > widths[i] {
				widths[i] = cw
			}
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(Pad(c, widths[i]))
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
