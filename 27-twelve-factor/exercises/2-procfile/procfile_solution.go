//go:build solution

package procfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxName is the longest process type procfile-util accepts (a DNS label's length).
const maxName = 63

// Parse reads a Procfile and returns its process types in file order, or
// every line's error, joined.
func Parse(r io.Reader) ([]Process, error) {
	var procs []Process
	var errs []error
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, command, ok := strings.Cut(line, ":")
		command = strings.TrimSpace(command)
		switch {
		case !ok:
			errs = append(errs, &LineError{n, "want name: command, found no ':'"})
		case !validName(name):
			errs = append(errs, &LineError{n, fmt.Sprintf("process type %q is not 1 to %d of A-Z a-z 0-9 _ -", name, maxName)})
		case command == "":
			errs = append(errs, &LineError{n, "process type " + name + " has no command"})
		case seen[name] != 0:
			errs = append(errs, &LineError{n, fmt.Sprintf("process type %s is already defined on line %d", name, seen[name])})
		default:
			seen[name] = n
			procs = append(procs, Process{Name: name, Command: command, Line: n})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(procs) == 0 {
		return nil, &LineError{0, "no process types"}
	}
	return procs, nil
}

func validName(name string) bool {
	if name == "" || len(name) > maxName {
		return false
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}
