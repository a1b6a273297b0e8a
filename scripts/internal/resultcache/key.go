package resultcache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"hash"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/workspace"
)

// schema is bumped whenever what an entry means changes (the key's recipe,
// the entry format, or how gotest folds a stream) and the field shape below
// would not notice.
const schema = 1

// goEnvVars are the go command settings that change what `go test` builds
// or how it runs. They are read with `go env`, so a value set with
// `go env -w` counts as much as one in the environment.
var goEnvVars = []string{
	"GOVERSION", "GOOS", "GOARCH", "GOAMD64", "GOARM", "GOARM64", "GO386", "GORISCV64",
	"GOEXPERIMENT", "GOFLAGS", "GOTOOLCHAIN", "GOWORK", "GOROOT", "CGO_ENABLED",
	"CC", "CXX", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS",
}

// plainEnvVars are environment variables the tests or the go command read
// that `go env` does not report.
var plainEnvVars = []string{"GODEBUG", "TZ", "DOCKER_HOST"}

// ownVars are the WORKBOOK_ variables that configure the cache itself and
// cannot change a test's result.
var ownVars = map[string]bool{"WORKBOOK_NO_CACHE": true, "WORKBOOK_CACHE_DIR": true}

// Config is what a Keyer needs to know besides the files.
type Config struct {
	// Root is the workspace root (the directory of go.work).
	Root string
	// Modules are the workspace's modules; imports of their packages are
	// followed and hashed.
	Modules []workspace.Module
	// Tags and Timeout are the go test flags of the run.
	Tags, Timeout string
	// Environ is the environment go test runs with (os.Environ()).
	Environ []string
	// GoEnv returns the go command's settings for goEnvVars. Nil runs
	// `go env -json` in Root, once per process per root and environment.
	GoEnv func(ctx context.Context) (map[string]string, error)
	// ServicesImport is the package through which tests get real services
	// ("workbook/testinfra"). The key of a package that imports it,
	// directly or not, includes Probe's answer, and its skips may be
	// cached (see Cacheable). Empty: no package is treated so.
	ServicesImport string
	// Probe fingerprints which services answer; nil uses ServiceProbe.
	Probe func() string
}

// Keyer computes cache keys. It remembers the hash of every directory it
// has read, so it is meant for one run: make a new one (or call Fresh) to
// see files that changed since.
type Keyer struct {
	root     string
	modules  []workspace.Module // longest path first
	base     []byte             // hash of everything every key shares
	services string             // Config.ServicesImport
	probe    func() string
	dirs     map[string]*dirInfo

	probed       bool
	fingerprint  string
	usesServices map[string]bool // by directory
}

type dirInfo struct {
	sum     string   // hex hash of names and contents
	imports []string // workbook imports of its .go files, sorted
	missing bool     // the directory does not exist
}

// NewKeyer hashes the inputs every key shares: the go command's version and
// settings, the tags and timeout, the WORKBOOK_ and other relevant
// environment variables, go.work and go.work.sum, and every workspace
// module's go.mod and go.sum (in workspace mode any module's requirements
// can change the versions another one builds with).
func NewKeyer(ctx context.Context, c Config) (*Keyer, error) {
	getGoEnv := c.GoEnv
	if getGoEnv == nil {
		getGoEnv = func(ctx context.Context) (map[string]string, error) { return goEnv(ctx, c.Root, c.Environ) }
	}
	ge, err := getGoEnv(ctx)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	line := func(parts ...string) {
		for i, p := range parts {
			if i > 0 {
				h.Write([]byte{' '})
			}
			h.Write([]byte(strconv.Quote(p)))
		}
		h.Write([]byte{'\n'})
	}
	line("workbook result cache", strconv.Itoa(schema), shape())
	line("tags", c.Tags)
	line("timeout", c.Timeout)
	for _, k := range goEnvVars {
		line("goenv", k, ge[k])
	}
	env := map[string]string{}
	for _, kv := range c.Environ {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	var names []string
	for k := range env {
		if strings.HasPrefix(k, "WORKBOOK_") && !ownVars[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		line("env", k, env[k])
	}
	for _, k := range plainEnvVars {
		v, ok := env[k]
		line("env", k, strconv.FormatBool(ok), v)
	}
	files := []string{filepath.Join(c.Root, "go.work"), filepath.Join(c.Root, "go.work.sum")}
	mods := append([]workspace.Module(nil), c.Modules...)
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	for _, m := range mods {
		line("module", m.Path, rel(c.Root, m.Dir))
		files = append(files, filepath.Join(m.Dir, "go.mod"), filepath.Join(m.Dir, "go.sum"))
	}
	for _, f := range files {
		line("file", rel(c.Root, f), fileSum(f))
	}
	sort.Slice(mods, func(i, j int) bool { return len(mods[i].Path) > len(mods[j].Path) })
	probe := c.Probe
	if probe == nil {
		environ := c.Environ
		probe = func() string { return ServiceProbe(environ) }
	}
	k := &Keyer{root: filepath.Clean(c.Root), modules: mods, base: h.Sum(nil), services: c.ServicesImport, probe: probe}
	return k.Fresh(), nil
}

// Fresh returns a Keyer with the same shared inputs that reads every
// directory again and probes the services again.
func (k *Keyer) Fresh() *Keyer {
	return &Keyer{root: k.root, modules: k.modules, base: k.base, services: k.services, probe: k.probe,
		dirs: map[string]*dirInfo{}, usesServices: map[string]bool{}}
}

// Key returns the cache key of the package in dir: the shared inputs, dir's
// path in the workspace, every file under dir (names and contents, testdata
// included), and every workspace package it imports, directly or not, with
// its files.
func (k *Keyer) Key(dir string) (string, error) {
	dir = filepath.Clean(dir)
	top, err := k.dir(dir, true)
	if err != nil {
		return "", err
	}
	if top.missing {
		return "", fmt.Errorf("resultcache: %s does not exist", dir)
	}
	// Follow imports breadth first; deps maps import path to directory.
	deps := map[string]string{}
	queue := append([]string(nil), top.imports...)
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if _, seen := deps[path]; seen {
			continue
		}
		d, ok := k.resolve(path)
		deps[path] = d
		if !ok || d == dir {
			continue
		}
		info, err := k.dir(d, false)
		if err != nil {
			return "", err
		}
		queue = append(queue, info.imports...)
	}
	h := sha256.New()
	h.Write(k.base)
	// The same files in another directory are another package.
	fmt.Fprintf(h, "package %q %s\n", rel(k.root, dir), top.sum)
	paths := make([]string, 0, len(deps))
	for p := range deps {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		d := deps[p]
		switch info := k.dirs[d]; {
		case d == "":
			fmt.Fprintf(h, "import %q unresolved\n", p)
		case d == dir:
			fmt.Fprintf(h, "import %q self\n", p)
		case info == nil || info.missing:
			fmt.Fprintf(h, "import %q missing\n", p)
		default:
			fmt.Fprintf(h, "import %q %s\n", p, info.sum)
		}
	}
	if _, ok := deps[k.services]; ok && k.services != "" {
		if !k.probed {
			k.fingerprint, k.probed = k.probe(), true
		}
		fmt.Fprintf(h, "services %q\n", k.fingerprint)
		k.usesServices[dir] = true
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// UsesServices reports whether the package in dir, whose key was computed,
// imports Config.ServicesImport: its key then includes which services
// answered, so its skips are explained and may be cached.
func (k *Keyer) UsesServices(dir string) bool { return k.usesServices[filepath.Clean(dir)] }

// resolve maps a workspace import path to its directory.
func (k *Keyer) resolve(path string) (string, bool) {
	for _, m := range k.modules {
		if path == m.Path {
			return filepath.Clean(m.Dir), true
		}
		if strings.HasPrefix(path, m.Path+"/") {
			return filepath.Join(m.Dir, filepath.FromSlash(path[len(m.Path)+1:])), true
		}
	}
	return "", false
}

// inWorkspace reports whether an import path belongs to a workspace module.
func (k *Keyer) inWorkspace(path string) bool {
	_, ok := k.resolve(path)
	return ok
}

// dir hashes one directory. all hashes every file below it (an exercise:
// its tests may read anything there); otherwise the directory's own files
// and any subdirectory without .go files (assets a //go:embed may hold),
// since a subdirectory with .go files is another package, hashed when
// imported.
func (k *Keyer) dir(dir string, all bool) (*dirInfo, error) {
	memo := dir
	if all {
		memo += "\x00all"
	}
	if info := k.dirs[memo]; info != nil {
		return info, nil
	}
	info := &dirInfo{}
	k.dirs[memo] = info
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		info.missing = true
		return info, nil
	}
	h := sha256.New()
	imports := map[string]bool{}
	if err := k.walk(h, dir, "", all, imports); err != nil {
		return nil, err
	}
	info.sum = hex.EncodeToString(h.Sum(nil))
	for p := range imports {
		info.imports = append(info.imports, p)
	}
	sort.Strings(info.imports)
	return info, nil
}

func (k *Keyer) walk(h hash.Hash, dir, prefix string, all bool, imports map[string]bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path) // follows symlinks
		if err != nil {
			fmt.Fprintf(h, "broken %q\n", prefix+name)
			continue
		}
		if fi.IsDir() {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				continue // a nested module is not part of this package
			}
			if !all && hasGoFiles(path) {
				continue
			}
			fmt.Fprintf(h, "dir %q\n", prefix+name)
			if err := k.walk(h, path, prefix+name+"/", all, nil); err != nil {
				return err
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			fmt.Fprintf(h, "special %q %v\n", prefix+name, fi.Mode())
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(src)
		fmt.Fprintf(h, "file %q %x\n", prefix+name, sum)
		if imports != nil && strings.HasSuffix(name, ".go") {
			k.imports(path, src, imports)
		}
	}
	return nil
}

// imports adds the workspace imports of one Go file. A file that does not
// parse still yields the imports read before the error; its contents are
// in the hash anyway.
func (k *Keyer) imports(path string, src []byte, into map[string]bool) {
	f, _ := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
	if f == nil {
		return
	}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err == nil && k.inWorkspace(p) {
			into[p] = true
		}
	}
}

func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true
		}
	}
	return false
}

// fileSum is the hex hash of a file, or "absent".
func fileSum(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "absent"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unreadable"
	}
	return hex.EncodeToString(h.Sum(nil))
}

func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// shape describes the fields of the cached types, so that an entry written
// by a workbook whose gotest.Package had other fields is never read.
func shape() string {
	var b strings.Builder
	for _, t := range []reflect.Type{reflect.TypeFor[gotest.Package](), reflect.TypeFor[gotest.Test]()} {
		b.WriteString(t.Name())
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() {
				fmt.Fprintf(&b, " %s:%s", f.Name, f.Type)
			}
		}
		b.WriteString(";")
	}
	return b.String()
}

var goEnvMemo struct {
	sync.Mutex
	m map[string]map[string]string
}

// goEnv runs `go env -json` for goEnvVars in root, once per process for a
// given root and environment.
func goEnv(ctx context.Context, root string, environ []string) (map[string]string, error) {
	memo := root + "\x00" + strings.Join(environ, "\x00")
	goEnvMemo.Lock()
	defer goEnvMemo.Unlock()
	if v, ok := goEnvMemo.m[memo]; ok {
		return v, nil
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"env", "-json"}, goEnvVars...)...)
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go env: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	v := map[string]string{}
	if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
		return nil, fmt.Errorf("go env -json: %v", err)
	}
	if goEnvMemo.m == nil {
		goEnvMemo.m = map[string]map[string]string{}
	}
	goEnvMemo.m[memo] = v
	return v, nil
}
