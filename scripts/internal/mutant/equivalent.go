package mutant

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EquivalentFile is the per-exercise list of surviving mutants that cannot
// be killed because they behave exactly like the reference. One per line:
//
//	<Mutant.Key()> — <why no test can tell it apart>
//
// for example
//
//	trie_solution.go:(*Router).Match: len(p) > 0 → len(p) >= 0 — len is never negative
//
// Lines starting with # and blank lines are ignored.
const EquivalentFile = "equivalent-mutants.txt"

// ReadEquivalent reads the exercise's list; a missing file is an empty list.
func ReadEquivalent(dir string) (map[string]string, error) {
	src, err := os.ReadFile(filepath.Join(dir, EquivalentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseEquivalent(string(src))
}

// ParseEquivalent parses the text of an EquivalentFile. Every entry needs a
// reason.
func ParseEquivalent(src string) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, " — ")
		if !ok || strings.TrimSpace(reason) == "" || !strings.Contains(key, " → ") {
			return nil, fmt.Errorf("%s:%d: want `file:Func: original → mutated — reason`, got %q", EquivalentFile, i+1, line)
		}
		out[strings.TrimSpace(key)] = strings.TrimSpace(reason)
	}
	return out, nil
}
