package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// fileValue is one `key = value` line of a config file.
type fileValue struct {
	value string
	line  int
}

// parseFile reads the config file format: one `key = value` per line,
// blank lines and lines starting with # ignored, values taken as written
// (spaces around the = trimmed). Every problem is reported, each with
// path:line, so a bad deploy is fixed in one round trip.
func parseFile(path string, data []byte) (map[string]fileValue, error) {
	values := map[string]fileValue{}
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		at := fmt.Sprintf("%s:%d", path, n)
		k, known := keyNamed(name)
		switch {
		case !ok:
			// The line is not echoed: it may be a secret written without its key.
			errs = append(errs, fmt.Errorf("%s: want key = value", at))
		case !known:
			errs = append(errs, fmt.Errorf("%s: unknown key %q", at, name))
		case k.secret:
			// The value is not echoed: it may be the real secret.
			errs = append(errs, fmt.Errorf("%s: %s must not be in a config file; set %s or %s_FILE", at, name, k.env, k.env))
		case values[name] != (fileValue{}):
			errs = append(errs, fmt.Errorf("%s: %s is already set on line %d", at, name, values[name].line))
		default:
			values[name] = fileValue{value: value, line: n}
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: a line is too long", path))
	}
	return values, errors.Join(errs...)
}
