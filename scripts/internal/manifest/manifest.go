// Package manifest reads, writes and checks exercises.sum: the SHA-256 of
// every file of an exercise that its tests rely on — the test files, the
// reference solution, and every other Go file beside the stub (types.go,
// doc.go, …) and the files under its testdata/ — the grading contract. The
// stub, the one file a learner edits, is the only Go file left out.
//
// The file has one line per file, sorted by path:
//
//	<64 hex digits><two spaces><path relative to the root, forward slashes>
//
// the format `sha256sum` prints, so `sha256sum -c exercises.sum` works too.
package manifest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// FileName is the manifest's name at the workspace root.
const FileName = "exercises.sum"

// Manifest maps a slash-separated path relative to the root to its SHA-256
// in lowercase hex.
type Manifest map[string]string

// Guarded reports whether a file name is part of the grading contract
// whatever else the directory holds: a test file or a reference solution.
// Other Go files are guarded too unless they are the stub; see GuardedFiles.
func Guarded(name string) bool {
	return strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_solution.go")
}

// IsStub reports whether name is an exercise's stub among the file names of
// its directory: name.go beside name_solution.go. The stub is told by the
// reference's name, not by its build line, which a learner may edit.
func IsStub(name string, names []string) bool {
	if !strings.HasSuffix(name, ".go") || Guarded(name) {
		return false
	}
	ref := strings.TrimSuffix(name, ".go") + "_solution.go"
	for _, n := range names {
		if n == ref {
			return true
		}
	}
	return false
}

// GuardedFiles returns the names among names (the files of one exercise
// directory) that are part of the grading contract: every .go file except
// the stub. A file a learner adds is guarded too, but only an added test
// file counts as tampering (see Diff).
func GuardedFiles(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.HasSuffix(n, ".go") && !IsStub(n, names) {
			out = append(out, n)
		}
	}
	return out
}

// Compute hashes the guarded files directly inside each of dirs (exercise
// directories, slash-separated and relative to root).
func Compute(root string, dirs []string) (Manifest, error) {
	m := Manifest{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() {
				names = append(names, e.Name())
			}
		}
		guarded := GuardedFiles(names)
		// Fixtures the tests read (golden files, SQL) live in testdata/.
		if data, err := filesUnder(root, path.Join(dir, "testdata")); err != nil {
			return nil, err
		} else {
			guarded = append(guarded, data...)
		}
		for _, name := range guarded {
			rel := path.Join(dir, name)
			sum, err := hashFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				return nil, err
			}
			m[rel] = sum
		}
	}
	return m, nil
}

// filesUnder lists the files below dir (slash-separated, relative to root)
// as paths relative to dir's parent, e.g. "testdata/golden.json"; none when
// dir does not exist.
func filesUnder(root, dir string) ([]string, error) {
	base := filepath.Join(root, filepath.FromSlash(dir))
	var out []string
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == base {
				return filepath.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(filepath.Dir(base), p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out, err
}

func hashFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Paths returns the manifest's paths, sorted.
func (m Manifest) Paths() []string {
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Encode returns the manifest in its file format.
func (m Manifest) Encode() []byte {
	var b bytes.Buffer
	for _, p := range m.Paths() {
		fmt.Fprintf(&b, "%s  %s\n", m[p], p)
	}
	return b.Bytes()
}

// Filter returns the entries whose path is under one of dirs (slash
// separated, relative to the root).
func (m Manifest) Filter(dirs []string) Manifest {
	out := Manifest{}
	for p, sum := range m {
		for _, d := range dirs {
			if strings.HasPrefix(p, strings.TrimSuffix(d, "/")+"/") {
				out[p] = sum
				break
			}
		}
	}
	return out
}

// Decode parses the file format. Blank lines and lines starting with '#'
// are ignored.
func Decode(r io.Reader) (Manifest, error) {
	m := Manifest{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, p, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != sha256.Size*2 || p == "" {
			return nil, fmt.Errorf("%s:%d: want \"<sha256>  <path>\", got %q", FileName, n, line)
		}
		if _, err := hex.DecodeString(sum); err != nil {
			return nil, fmt.Errorf("%s:%d: %q is not a hex SHA-256", FileName, n, sum)
		}
		m[p] = strings.ToLower(sum)
	}
	return m, sc.Err()
}

// Read reads the manifest at root.
func Read(root string) (Manifest, error) {
	f, err := os.Open(filepath.Join(root, FileName))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f)
}

// Write writes m as root's manifest.
func Write(root string, m Manifest) error {
	return os.WriteFile(filepath.Join(root, FileName), m.Encode(), 0o644)
}

// Kind says how a guarded file differs from the manifest.
type Kind string

const (
	// Modified: the file's SHA-256 is not the recorded one.
	Modified Kind = "modified"
	// Missing: the manifest lists the file but it is gone.
	Missing Kind = "missing"
	// Extra: a test file the manifest does not list, such as an added
	// TestMain that exits 0.
	Extra Kind = "extra"
)

// Change is one difference between the manifest and the files on disk.
type Change struct {
	Path string // slash-separated, relative to the root
	Kind Kind
}

func (c Change) String() string { return c.Path + " (" + string(c.Kind) + ")" }

// Fix is the shell command, run from the root, that undoes the change: an
// extra file is deleted (git checkout cannot remove a file git never had),
// a modified or missing one restored from git.
func (c Change) Fix() string {
	if c.Kind == Extra {
		return "rm " + c.Path
	}
	return "git checkout -- " + c.Path
}

// Diff compares the recorded manifest with the actual one. Extra files are
// reported only for test files: a learner may add their own non-test files,
// but an added test file can change what the grader sees.
func Diff(recorded, actual Manifest) []Change {
	var out []Change
	for _, p := range recorded.Paths() {
		sum, ok := actual[p]
		switch {
		case !ok:
			out = append(out, Change{Path: p, Kind: Missing})
		case sum != recorded[p]:
			out = append(out, Change{Path: p, Kind: Modified})
		}
	}
	for _, p := range actual.Paths() {
		if _, ok := recorded[p]; !ok && strings.HasSuffix(p, "_test.go") {
			out = append(out, Change{Path: p, Kind: Extra})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Stale compares like Diff but reports every difference, extra solution
// files included: it answers "does exercises.sum need regenerating?".
func Stale(recorded, actual Manifest) []Change {
	out := Diff(recorded, actual)
	for _, p := range actual.Paths() {
		if _, ok := recorded[p]; !ok && !strings.HasSuffix(p, "_test.go") {
			out = append(out, Change{Path: p, Kind: Extra})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// ExerciseDir returns the exercise directory a manifest path belongs to:
// "01-x/exercises/1-a" for "01-x/exercises/1-a/a_test.go" and for
// "01-x/exercises/1-a/testdata/golden.json". Paths outside an exercises/
// directory give their parent directory.
func ExerciseDir(p string) string {
	parts := strings.Split(p, "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "exercises" {
			return strings.Join(parts[:i+2], "/")
		}
	}
	return path.Dir(p)
}
