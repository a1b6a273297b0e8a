// Package resultcache keeps the folded `go test` result of each exercise
// package on disk, keyed by a hash of everything that can change it, so that
// `workbook list`, `next` and `verify` re-run only the exercises whose files
// (or whose workspace dependencies, go.mod files, go version, tags or
// WORKBOOK_ settings) changed. Go's own test cache does not help there: it
// never caches a failing run, and most exercises fail until solved.
//
// A key (see Keyer) covers: every file under the exercise directory, names
// and contents; every workspace package it imports, transitively, with its
// files; go.work, go.work.sum and every workspace module's go.mod and go.sum;
// the go command's version and build settings (`go env`); the tags and
// timeout; every WORKBOOK_ variable and a few others tests read (TZ,
// GODEBUG, DOCKER_HOST).
//
// Only results that a re-run would repeat are stored (see Cacheable): not a
// run that timed out, was cancelled or could not load its packages, and not
// one where a test skipped for a reason the key does not hold. A skip
// usually means a service such as PostgreSQL was not running, and that
// changes without any file changing; so the key of a package that gets
// services through workbook/testinfra includes which services answer right
// now (ServiceProbe: the Docker engine and every address in a WORKBOOK_
// variable), its skips may be cached, and such an entry expires after an
// hour anyway. Skips in any other package are never cached.
//
// Entries live in os.UserCacheDir()/workbook/<hash of the root>/, one small
// JSON file per key, written to a temporary file and renamed into place. An
// entry that does not decode, or decodes to something else than it should,
// is a miss. Entries unused for two weeks are deleted, at most once a day,
// and so are the directories of workspace roots that no longer exist.
package resultcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"workbook/scripts/internal/gotest"
)

const (
	// maxAge is how long an entry nobody read is kept.
	maxAge = 14 * 24 * time.Hour
	// trimEvery is how often Open looks for old entries.
	trimEvery = 24 * time.Hour
	// touchAfter is how stale an entry's mtime may get before a hit
	// refreshes it (so that trimming keeps what is used).
	touchAfter = time.Hour
	// skipTTL is how long a result with skipped tests is trusted, even
	// though its key includes which services answered: a service can
	// answer and still not be usable (a container image that cannot be
	// pulled), and that leaves no trace in the key.
	skipTTL = time.Hour
)

// Store is a directory of cached results for one workspace root.
type Store struct {
	dir string
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// Open returns the store for the workspace at root, under base (the user
// cache directory's workbook/ folder when base is ""), creating it.
func Open(root, base string) (*Store, error) {
	if base == "" {
		ucd, err := os.UserCacheDir()
		if err != nil {
			return nil, err
		}
		base = filepath.Join(ucd, "workbook")
	}
	sum := sha256.Sum256([]byte(filepath.Clean(root)))
	dir := filepath.Join(base, hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	rootFile := filepath.Join(dir, "root")
	if b, err := os.ReadFile(rootFile); err != nil || string(b) != root {
		_ = writeAtomic(rootFile, []byte(root))
	}
	s := &Store{dir: dir}
	s.maybeTrim(base)
	return s, nil
}

// entry is the file format.
type entry struct {
	Schema  int
	Key     string
	Written time.Time
	Package *gotest.Package
}

func (s *Store) path(key string) string { return filepath.Join(s.dir, key+".json") }

// Get returns the result stored under key. Anything wrong with the entry
// (missing, unreadable, not JSON, another schema or key) is a miss.
func (s *Store) Get(key string) (*gotest.Package, bool) {
	if !validKey(key) {
		return nil, false
	}
	path := s.path(key)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var e entry
	if err := json.Unmarshal(b, &e); err != nil || e.Schema != schema || e.Key != key || e.Package == nil || e.Package.ImportPath == "" {
		return nil, false
	}
	pkg, ok := rebuild(e.Package)
	if !ok {
		return nil, false
	}
	if hasSkips(pkg) && time.Since(e.Written) > skipTTL {
		return nil, false
	}
	if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > touchAfter {
		now := time.Now()
		_ = os.Chtimes(path, now, now)
	}
	return pkg, true
}

// ErrNotCacheable is returned by Put for a result that must not be stored.
var ErrNotCacheable = errors.New("resultcache: result is not cacheable")

// Put stores pkg under key when Cacheable(pkg, skipsExplained), and when it
// survives the trip through the file format unchanged.
func (s *Store) Put(key string, pkg *gotest.Package, skipsExplained bool) error {
	if !validKey(key) || !Cacheable(pkg, skipsExplained) {
		return ErrNotCacheable
	}
	if back, ok := rebuild(pkg); !ok || !reflect.DeepEqual(back, pkg) {
		return ErrNotCacheable
	}
	b, err := json.Marshal(entry{Schema: schema, Key: key, Written: time.Now().UTC(), Package: pkg})
	if err != nil {
		return err
	}
	return writeAtomic(s.path(key), b)
}

// Cacheable reports whether a re-run with the same inputs would give the
// same result: the package finished (pass, fail, or did not compile), no
// test was left unfinished (a timeout, or a panic in another goroutine), no
// time-out message, and the go command could load the package (a "[setup
// failed]" can be a module download that failed). A skipped test makes it
// uncacheable unless skipsExplained: the package gets its services from
// testinfra and its key records which services answered (Keyer.UsesServices);
// such an entry is still dropped after skipTTL.
func Cacheable(pkg *gotest.Package, skipsExplained bool) bool {
	if pkg == nil || pkg.ImportPath == "" {
		return false
	}
	switch pkg.Status {
	case gotest.StatusPass, gotest.StatusFail, gotest.StatusBuildFail:
	default:
		return false
	}
	if timedOut(pkg.Output) || strings.Contains(pkg.Output, "[setup failed]") {
		return false
	}
	for _, t := range pkg.Tests {
		if t.Unfinished || timedOut(t.Output) {
			return false
		}
		switch t.Status {
		case gotest.StatusPass, gotest.StatusFail:
		case gotest.StatusSkip:
			if !skipsExplained {
				return false
			}
		default:
			return false // no verdict
		}
	}
	return true
}

func hasSkips(pkg *gotest.Package) bool {
	for _, t := range pkg.Tests {
		if t.Status == gotest.StatusSkip {
			return true
		}
	}
	return false
}

func timedOut(out string) bool { return strings.Contains(out, "panic: test timed out after") }

// rebuild turns the exported fields of a decoded package back into what
// gotest's parser produces, by replaying them as events through it (the
// parser's own index of tests by name is unexported).
func rebuild(in *gotest.Package) (*gotest.Package, bool) {
	p := gotest.NewParser()
	path := in.ImportPath
	for _, t := range in.Tests {
		if t == nil || t.Name == "" {
			return nil, false
		}
		p.Event(gotest.Event{Action: "run", Package: path, Test: t.Name})
		if t.Output != "" {
			p.Event(gotest.Event{Action: "output", Package: path, Test: t.Name, Output: t.Output})
		}
		if !t.Unfinished && t.Status != gotest.StatusUnknown {
			p.Event(gotest.Event{Action: string(t.Status), Package: path, Test: t.Name, Elapsed: t.Elapsed})
		}
	}
	if in.Output != "" {
		p.Event(gotest.Event{Action: "output", Package: path, Output: in.Output})
	}
	final := gotest.Event{Action: string(in.Status), Package: path, Elapsed: in.Elapsed}
	switch in.Status {
	case gotest.StatusPass, gotest.StatusFail, gotest.StatusSkip:
	case gotest.StatusBuildFail:
		final.Action = "fail"
		if in.BuildOutput != "" {
			build := path + " [" + path + ".test]"
			p.Event(gotest.Event{Action: "build-output", ImportPath: build, Output: in.BuildOutput})
			final.FailedBuild = build
		}
	default:
		return nil, false
	}
	p.Event(final)
	out := p.Report().Package(path)
	return out, out != nil
}

func validKey(key string) bool {
	if len(key) != 64 {
		return false
	}
	_, err := hex.DecodeString(key)
	return err == nil
}

// writeAtomic writes a file through a temporary file in the same directory
// and a rename, so a reader never sees half an entry.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
	}
	return werr
}

// maybeTrim deletes, at most once a day, entries not used for maxAge, and
// the stores of workspace roots that no longer have a go.work (test
// fixtures in temporary directories, deleted clones).
func (s *Store) maybeTrim(base string) {
	stamp := filepath.Join(base, "trimmed")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimEvery {
		return
	}
	_ = writeAtomic(stamp, []byte(time.Now().UTC().Format(time.RFC3339)))
	stores, _ := os.ReadDir(base)
	for _, d := range stores {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(base, d.Name())
		if dir != s.dir {
			root, err := os.ReadFile(filepath.Join(dir, "root"))
			if err == nil {
				if _, err := os.Stat(filepath.Join(string(root), "go.work")); os.IsNotExist(err) {
					os.RemoveAll(dir)
					continue
				}
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() == "root" {
				continue
			}
			if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > maxAge {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}
