package resultcache

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"workbook/scripts/internal/gotest"
	"workbook/scripts/internal/workspace"
)

// tree writes files (slash paths relative to root) and returns root.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		write(t, filepath.Join(root, filepath.FromSlash(name)), body)
	}
	return root
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// workspaceFiles is a chapter whose exercise imports a library module,
// which imports one of its own subpackages (with embedded assets), plus an
// unrelated exercise and an unrelated library package.
func workspaceFiles() map[string]string {
	return map[string]string{
		"go.work":                            "go 1.25\n\nuse (\n\t./01-a\n\t./lib\n)\n",
		"01-a/go.mod":                        "module workbook/01-a\n\ngo 1.25\n",
		"01-a/go.sum":                        "",
		"01-a/exercises/1-x/x.go":            "package x\n\nimport \"workbook/lib\"\n\nvar _ = lib.V\n",
		"01-a/exercises/1-x/x_test.go":       "package x_test\n\nimport (\n\t\"testing\"\n\t\"workbook/01-a/exercises/1-x\"\n)\n\nfunc TestX(t *testing.T) {}\n",
		"01-a/exercises/1-x/README.md":       "# X\n",
		"01-a/exercises/1-x/testdata/in.txt": "input\n",
		"01-a/exercises/2-y/y.go":            "package y\n",
		"lib/go.mod":                         "module workbook/lib\n\ngo 1.25\n",
		"lib/lib.go":                         "package lib\n\nimport _ \"workbook/lib/sub\"\n\nconst V = 1\n",
		"lib/sub/sub.go":                     "package sub\n\n//go:embed migrations/*.sql\n",
		"lib/sub/migrations/1.sql":           "create table t ();\n",
		"lib/other/other.go":                 "package other\n",
	}
}

func modules(root string) []workspace.Module {
	return []workspace.Module{
		{Path: "workbook/01-a", Dir: filepath.Join(root, "01-a")},
		{Path: "workbook/lib", Dir: filepath.Join(root, "lib")},
	}
}

func fakeGoEnv(version string) func(context.Context) (map[string]string, error) {
	return func(context.Context) (map[string]string, error) {
		return map[string]string{"GOVERSION": version, "GOOS": "linux", "GOARCH": "amd64"}, nil
	}
}

func key(t *testing.T, c Config, dir string) string {
	t.Helper()
	k, err := NewKeyer(context.Background(), c)
	if err != nil {
		t.Fatalf("NewKeyer() error = %v", err)
	}
	got, err := k.Key(dir)
	if err != nil {
		t.Fatalf("Key(%s) error = %v", dir, err)
	}
	return got
}

func TestKey(t *testing.T) {
	base := func(root string) Config {
		return Config{Root: root, Modules: modules(root), Tags: "", Timeout: "60s",
			Environ: []string{"HOME=/home/a", "WORKBOOK_POSTGRES_URL=postgres://x"}, GoEnv: fakeGoEnv("go1.26.0")}
	}
	tests := []struct {
		name    string
		change  func(t *testing.T, root string, c *Config)
		changed bool
	}{
		{"nothing", func(*testing.T, string, *Config) {}, false},
		{"mtime only", func(t *testing.T, root string, _ *Config) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(root, "01-a/exercises/1-x/x.go"), later, later)
		}, false},
		{"stub edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/exercises/1-x/x.go"), "package x\n\nimport \"workbook/lib\"\n\nvar _ = lib.V + 1\n")
		}, true},
		{"file added to the exercise", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/exercises/1-x/extra_test.go"), "package x\n")
		}, true},
		{"exercise file renamed", func(t *testing.T, root string, _ *Config) {
			os.Rename(filepath.Join(root, "01-a/exercises/1-x/README.md"), filepath.Join(root, "01-a/exercises/1-x/README.txt"))
		}, true},
		{"testdata edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/exercises/1-x/testdata/in.txt"), "other\n")
		}, true},
		{"imported package edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "lib/lib.go"), "package lib\n\nimport _ \"workbook/lib/sub\"\n\nconst V = 2\n")
		}, true},
		{"transitively imported package edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "lib/sub/sub.go"), "package sub // changed\n")
		}, true},
		{"embedded asset of an imported package edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "lib/sub/migrations/1.sql"), "create table u ();\n")
		}, true},
		{"package it does not import edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "lib/other/other.go"), "package other // changed\n")
		}, false},
		{"another exercise edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/exercises/2-y/y.go"), "package y // changed\n")
		}, false},
		{"go.mod edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/go.mod"), "module workbook/01-a\n\ngo 1.26\n")
		}, true},
		{"go.sum edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "01-a/go.sum"), "example.com/m v1.0.0 h1:x=\n")
		}, true},
		{"another module's go.mod edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "lib/go.mod"), "module workbook/lib\n\ngo 1.26\n")
		}, true},
		{"go.work edited", func(t *testing.T, root string, _ *Config) {
			write(t, filepath.Join(root, "go.work"), "go 1.26\n\nuse (\n\t./01-a\n\t./lib\n)\n")
		}, true},
		{"tags", func(_ *testing.T, _ string, c *Config) { c.Tags = "solution" }, true},
		{"timeout", func(_ *testing.T, _ string, c *Config) { c.Timeout = "10s" }, true},
		{"go version", func(_ *testing.T, _ string, c *Config) { c.GoEnv = fakeGoEnv("go1.26.1") }, true},
		{"WORKBOOK_ variable changed", func(_ *testing.T, _ string, c *Config) {
			c.Environ = []string{"HOME=/home/a", "WORKBOOK_POSTGRES_URL=postgres://y"}
		}, true},
		{"WORKBOOK_ variable added", func(_ *testing.T, _ string, c *Config) {
			c.Environ = append(c.Environ, "WORKBOOK_REQUIRE_SERVICES=postgres")
		}, true},
		{"cache's own variables", func(_ *testing.T, _ string, c *Config) {
			c.Environ = append(c.Environ, "WORKBOOK_NO_CACHE=0", "WORKBOOK_CACHE_DIR=/tmp/c")
		}, false},
		{"unrelated variable", func(_ *testing.T, _ string, c *Config) {
			c.Environ = []string{"HOME=/home/b", "WORKBOOK_POSTGRES_URL=postgres://x", "EDITOR=vi"}
		}, false},
		{"environment order", func(_ *testing.T, _ string, c *Config) {
			c.Environ = []string{"WORKBOOK_POSTGRES_URL=postgres://x", "HOME=/home/a"}
		}, false},
		{"TZ", func(_ *testing.T, _ string, c *Config) { c.Environ = append(c.Environ, "TZ=UTC") }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, workspaceFiles())
			dir := filepath.Join(root, "01-a/exercises/1-x")
			c := base(root)
			before := key(t, c, dir)
			tc.change(t, root, &c)
			after := key(t, c, dir)
			if (before != after) != tc.changed {
				t.Errorf("key changed = %v, want %v", before != after, tc.changed)
			}
		})
	}
}

func TestKeySameFilesElsewhere(t *testing.T) {
	files := workspaceFiles()
	delete(files, "01-a/exercises/2-y/y.go")
	for name, body := range workspaceFiles() {
		if rest, ok := strings.CutPrefix(name, "01-a/exercises/1-x/"); ok {
			files["01-a/exercises/2-y/"+rest] = body
		}
	}
	root := tree(t, files)
	c := Config{Root: root, Modules: modules(root), GoEnv: fakeGoEnv("go1.26.0")}
	x := key(t, c, filepath.Join(root, "01-a/exercises/1-x"))
	y := key(t, c, filepath.Join(root, "01-a/exercises/2-y"))
	if x == y {
		t.Errorf("two exercise directories with the same files have the same key")
	}
}

func TestKeyerFreshSeesChanges(t *testing.T) {
	root := tree(t, workspaceFiles())
	dir := filepath.Join(root, "01-a/exercises/1-x")
	k, err := NewKeyer(context.Background(), Config{Root: root, Modules: modules(root), GoEnv: fakeGoEnv("go1.26.0")})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := k.Key(dir)
	write(t, filepath.Join(root, "lib/lib.go"), "package lib\n")
	if again, _ := k.Key(dir); again != before {
		t.Errorf("the same Keyer re-read a directory; want it to remember within a run")
	}
	if fresh, _ := k.Fresh().Key(dir); fresh == before {
		t.Errorf("Fresh().Key() = the old key after lib.go changed")
	}
}

// streams are real-looking go test -json streams, one per kind of result.
var streams = map[string]string{
	"pass": `{"Action":"start","Package":"p"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"run","Package":"p","Test":"TestA/one"}
{"Action":"output","Package":"p","Test":"TestA/one","Output":"    a_test.go:9: log line\n"}
{"Action":"output","Package":"p","Test":"TestA/one","Output":"    a_test.go:10: second line\n"}
{"Action":"output","Package":"p","Test":"TestA/one","Output":"    --- PASS: TestA/one (0.00s)\n"}
{"Action":"pass","Package":"p","Test":"TestA/one","Elapsed":0.01}
{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.02}
{"Action":"output","Package":"p","Output":"ok  \tp\t0.1s\n"}
{"Action":"pass","Package":"p","Elapsed":0.137}
`,
	"fail": `{"Action":"run","Package":"p","Test":"TestOK"}
{"Action":"run","Package":"p","Test":"TestOK/bad"}
{"Action":"output","Package":"p","Test":"TestOK/bad","Output":"    a_test.go:3: Add(1) = 2, want 3\n"}
{"Action":"fail","Package":"p","Test":"TestOK/bad","Elapsed":0.001}
{"Action":"fail","Package":"p","Test":"TestOK"}
{"Action":"run","Package":"p","Test":"TestB"}
{"Action":"pass","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Output":"FAIL\n"}
{"Action":"fail","Package":"p","Elapsed":0.06}
`,
	"build": `{"ImportPath":"p [p.test]","Action":"build-output","Output":"# p [p.test]\n"}
{"ImportPath":"p [p.test]","Action":"build-output","Output":"b_test.go:3:32: undefined: undefined\n"}
{"ImportPath":"p [p.test]","Action":"build-fail"}
{"Action":"start","Package":"p"}
{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}
{"Action":"fail","Package":"p","Elapsed":0,"FailedBuild":"p [p.test]"}
`,
	"old build": `{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}
{"Action":"fail","Package":"p","Elapsed":0}
`,
	"skip": `{"Action":"run","Package":"p","Test":"TestDB"}
{"Action":"output","Package":"p","Test":"TestDB","Output":"    db_test.go:4: PostgreSQL not available\n"}
{"Action":"skip","Package":"p","Test":"TestDB"}
{"Action":"pass","Package":"p","Elapsed":0.01}
`,
	"subtest skip": `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"run","Package":"p","Test":"TestA/db"}
{"Action":"skip","Package":"p","Test":"TestA/db"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Elapsed":0.01}
`,
	"timeout": `{"Action":"run","Package":"p","Test":"TestSlow"}
{"Action":"output","Package":"p","Test":"TestSlow","Output":"panic: test timed out after 1s\n"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t1.029s\n"}
{"Action":"fail","Package":"p","Elapsed":1.029}
`,
	"cut off": `{"Action":"run","Package":"p","Test":"TestA"}
`,
	"setup failed": `{"Action":"output","Package":"p","Output":"FAIL\tp [setup failed]\n"}
{"Action":"fail","Package":"p","Elapsed":0}
`,
	"no tests": `{"Action":"output","Package":"p","Output":"?   \tp\t[no test files]\n"}
{"Action":"skip","Package":"p","Elapsed":0}
`,
}

func parsed(t *testing.T, name string) *gotest.Package {
	t.Helper()
	rep, err := gotest.Parse(strings.NewReader(streams[name]))
	if err != nil {
		t.Fatal(err)
	}
	return rep.Package("p")
}

const key1 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestPutGetRoundTrip(t *testing.T) {
	for _, name := range []string{"pass", "fail", "build", "old build"} {
		t.Run(name, func(t *testing.T) {
			s, err := Open("/some/root", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			want := parsed(t, name)
			if err := s.Put(key1, want, false); err != nil {
				t.Fatalf("Put() error = %v", err)
			}
			got, ok := s.Get(key1)
			if !ok {
				t.Fatal("Get() missed right after Put()")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Get() = %+v, want %+v", got, want)
			}
			for _, tt := range want.Tests {
				if got.Test(tt.Name) == nil {
					t.Errorf("Get().Test(%q) = nil", tt.Name)
				}
			}
			if _, ok := s.Get(strings.Replace(key1, "0", "1", 1)); ok {
				t.Errorf("Get(other key) hit")
			}
		})
	}
}

func TestNotCacheable(t *testing.T) {
	for _, name := range []string{"skip", "subtest skip", "timeout", "cut off", "setup failed", "no tests"} {
		t.Run(name, func(t *testing.T) {
			pkg := parsed(t, name)
			if Cacheable(pkg, false) {
				t.Errorf("Cacheable(%s) = true, want false", name)
			}
			s, _ := Open("/some/root", t.TempDir())
			if err := s.Put(key1, pkg, false); err == nil {
				t.Errorf("Put(%s) = nil, want ErrNotCacheable", name)
			}
			if _, ok := s.Get(key1); ok {
				t.Errorf("Get() hit after a refused Put")
			}
		})
	}
	if Cacheable(nil, true) {
		t.Error("Cacheable(nil) = true")
	}
}

func TestCorruptEntryIsAMiss(t *testing.T) {
	good := parsed(t, "fail")
	cases := map[string]func(b []byte) []byte{
		"garbage":    func([]byte) []byte { return []byte("\x00\x01not json") },
		"truncated":  func(b []byte) []byte { return b[:len(b)/2] },
		"empty":      func([]byte) []byte { return nil },
		"other key":  func(b []byte) []byte { return []byte(strings.Replace(string(b), key1, strings.Repeat("f", 64), 1)) },
		"old schema": func(b []byte) []byte { return []byte(strings.Replace(string(b), `"Schema":1`, `"Schema":0`, 1)) },
		"no package": func([]byte) []byte { return []byte(`{"Schema":1,"Key":"` + key1 + `"}`) },
		"bad status": func(b []byte) []byte {
			return []byte(strings.Replace(string(b), `"Status":"fail","Elapsed":0.06`, `"Status":"weird","Elapsed":0.06`, 1))
		},
	}
	for name, corrupt := range cases {
		t.Run(name, func(t *testing.T) {
			s, _ := Open("/some/root", t.TempDir())
			if err := s.Put(key1, good, false); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(s.Dir(), key1+".json")
			b, _ := os.ReadFile(path)
			changed := corrupt(b)
			if string(changed) == string(b) {
				t.Fatalf("corruption %q changed nothing in %s", name, b)
			}
			os.WriteFile(path, changed, 0o644)
			if pkg, ok := s.Get(key1); ok {
				t.Errorf("Get() = %+v, true; want a miss", pkg)
			}
		})
	}
}

func TestOpenTrimsStoresOfDeletedRoots(t *testing.T) {
	base := t.TempDir()
	gone := filepath.Join(t.TempDir(), "deleted-clone")
	old, err := Open(gone, base)
	if err != nil {
		t.Fatal(err)
	}
	live := tree(t, map[string]string{"go.work": "go 1.25\n"})
	os.Remove(filepath.Join(base, "trimmed"))
	if _, err := Open(live, base); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old.Dir()); !os.IsNotExist(err) {
		t.Errorf("store of a root without go.work still exists (stat error %v)", err)
	}
}

func TestGoEnvReal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	env, err := goEnv(context.Background(), t.TempDir(), os.Environ())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(env["GOVERSION"], "go") {
		t.Errorf("GOVERSION = %q, want go1.x", env["GOVERSION"])
	}
}

func TestServiceSkips(t *testing.T) {
	files := workspaceFiles()
	files["go.work"] = "go 1.25\n\nuse (\n\t./01-a\n\t./lib\n\t./testinfra\n)\n"
	files["testinfra/go.mod"] = "module workbook/testinfra\n"
	files["testinfra/pg.go"] = "package testinfra\n"
	files["lib/sub/sub.go"] = "package sub\n\nimport _ \"workbook/testinfra\"\n"
	root := tree(t, files)
	mods := append(modules(root), workspace.Module{Path: "workbook/testinfra", Dir: filepath.Join(root, "testinfra")})
	state := "docker=down"
	c := Config{Root: root, Modules: mods, GoEnv: fakeGoEnv("go1.26.0"), ServicesImport: "workbook/testinfra",
		Probe: func() string { return state }}
	x, y := filepath.Join(root, "01-a/exercises/1-x"), filepath.Join(root, "01-a/exercises/2-y")
	k, _ := NewKeyer(context.Background(), c)
	kx, _ := k.Key(x)
	ky, _ := k.Key(y)
	if !k.UsesServices(x) || k.UsesServices(y) {
		t.Fatalf("UsesServices = %v, %v; want true for 1-x (imports testinfra through lib/sub), false for 2-y", k.UsesServices(x), k.UsesServices(y))
	}
	state = "docker=up"
	k, _ = NewKeyer(context.Background(), c)
	if again, _ := k.Key(x); again == kx {
		t.Errorf("key of a service-using package did not change when a service came up")
	}
	if again, _ := k.Key(y); again != ky {
		t.Errorf("key of a package without services changed when a service came up")
	}

	skipped := parsed(t, "skip")
	if !Cacheable(skipped, true) || Cacheable(skipped, false) {
		t.Errorf("Cacheable(skip, explained) = %v, (skip, unexplained) = %v; want true, false", Cacheable(skipped, true), Cacheable(skipped, false))
	}
	s, _ := Open(root, t.TempDir())
	if err := s.Put(key1, skipped, true); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get(key1); !ok {
		t.Fatal("Get() missed a fresh explained skip")
	}
	path := filepath.Join(s.Dir(), key1+".json")
	b, _ := os.ReadFile(path)
	old := time.Now().Add(-2 * skipTTL).UTC().Format(time.RFC3339Nano)
	i := strings.Index(string(b), `"Written":"`) + len(`"Written":"`)
	j := i + strings.Index(string(b[i:]), `"`)
	os.WriteFile(path, []byte(string(b[:i])+old+string(b[j:])), 0o644)
	if _, ok := s.Get(key1); ok {
		t.Errorf("Get() hit a skipped result written %v ago, want it expired after %v", 2*skipTTL, skipTTL)
	}
}

func TestServiceProbe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedAddr := closed.Addr().String()
	closed.Close()
	got := ServiceProbe([]string{
		"DOCKER_HOST=unix://" + filepath.Join(t.TempDir(), "none.sock"),
		"WORKBOOK_POSTGRES_URL=postgres://u:p@" + ln.Addr().String() + "/db",
		"WORKBOOK_MEMCACHED_ADDR=" + closedAddr,
		"WORKBOOK_REQUIRE_SERVICES=postgres",
	})
	want := "WORKBOOK_MEMCACHED_ADDR=down WORKBOOK_POSTGRES_URL=up docker=down"
	if got != want {
		t.Errorf("ServiceProbe() = %q, want %q", got, want)
	}
}
