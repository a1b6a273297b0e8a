package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// eventually polls cond every 10 ms until it holds or 5 s have passed: the
// deadline bounds a broken test, it is not a speed target.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 5s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestInvalidReloadKeepsTheOldConfig(t *testing.T) {
	files := map[string]string{"app.conf": "greeting = one\n"}
	lv := newTestLive(t, memInputs("dev", "app.conf", nil, files, nil), io.Discard)
	before := lv.current()

	files["app.conf"] = "greeting =\nlog_level = loud\n"
	err := lv.reload("test")
	if err == nil {
		t.Fatal("an invalid file reloaded")
	}
	if lv.current() != before || lv.current().settings.Greeting != "one" {
		t.Errorf("after a rejected reload greeting = %q, want the old %q", lv.current().settings.Greeting, "one")
	}
	st := *lv.status.Load()
	if st.Rejected != 1 || st.Reloads != 0 || !strings.Contains(st.LastError, "greeting") || !strings.Contains(st.LastError, "log_level") {
		t.Errorf("status after a rejected reload = %+v, want 1 rejected and both problems", st)
	}

	files["app.conf"] = "greeting = two\n"
	if err := lv.reload("test"); err != nil {
		t.Fatal(err)
	}
	st = *lv.status.Load()
	if lv.current().settings.Greeting != "two" || st.Reloads != 1 || st.Rejected != 1 || st.LastError != "" || st.Trigger != "test" {
		t.Errorf("after a good reload: greeting %q, status %+v", lv.current().settings.Greeting, st)
	}
}

// TestReadersSeeWholeSnapshotsDuringSwaps runs under -race: readers never
// see a torn configuration while reloads swap.
func TestReadersSeeWholeSnapshotsDuringSwaps(t *testing.T) {
	var mu sync.Mutex
	n := 0
	files := map[string]string{}
	in := memInputs("dev", "app.conf", nil, files, nil)
	in.readFile = func(string) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		n++
		// greeting and log level always change together.
		if n%2 == 0 {
			return []byte("greeting = even\nlog_level = warn\n"), nil
		}
		return []byte("greeting = odd\nlog_level = error\n"), nil
	}
	lv := newTestLive(t, in, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				s := lv.current().settings
				if (s.Greeting == "even") != (s.LogLevel.String() == "WARN") {
					t.Errorf("torn snapshot: %q with %s", s.Greeting, s.LogLevel)
					return
				}
			}
		})
	}
	for range 200 {
		if err := lv.reload("test"); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	wg.Wait()
	if st := lv.status.Load(); st.Reloads != 200 {
		t.Errorf("reloads = %d, want 200", st.Reloads)
	}
}

// watched starts a live configuration over real files in a temporary
// directory, with the watcher running.
func watched(t *testing.T, env map[string]string, file string) *live {
	t.Helper()
	in := inputs{profile: "dev", file: file, getenv: func(k string) string { return env[k] }, readFile: os.ReadFile}
	lv := newTestLive(t, in, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := watchFiles(ctx, lv, watchedFiles(in)); err != nil {
		t.Fatal(err)
	}
	return lv
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func greetingIs(lv *live, want string) func() bool {
	return func() bool { return lv.current().settings.Greeting == want }
}

func TestReloadOnFileWrite(t *testing.T) {
	file := filepath.Join(t.TempDir(), "app.conf")
	write(t, file, "greeting = one\n")
	lv := watched(t, nil, file)
	write(t, file, "greeting = two\n")
	eventually(t, "greeting is two after an in-place write", greetingIs(lv, "two"))

	write(t, file, "greeting = \n") // invalid: kept out
	eventually(t, "the invalid write is rejected", func() bool { return lv.status.Load().Rejected == 1 })
	if g := lv.current().settings.Greeting; g != "two" {
		t.Errorf("after an invalid write greeting = %q, want two", g)
	}
	write(t, filepath.Join(filepath.Dir(file), "other.conf"), "x") // not ours: no reload
	write(t, file, "greeting = three\n")
	eventually(t, "greeting is three", greetingIs(lv, "three"))
}

// TestReloadOnRenameReplace saves the way editors do: write a temporary file
// beside the config file, rename it over. A watch on the file itself would
// die with the old inode; the directory watch sees the new name.
func TestReloadOnRenameReplace(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "app.conf")
	write(t, file, "greeting = one\n")
	lv := watched(t, nil, file)
	for _, g := range []string{"two", "three"} { // twice: the watch survives the first rename
		write(t, filepath.Join(dir, ".app.conf.swp"), "greeting = "+g+"\n")
		if err := os.Rename(filepath.Join(dir, ".app.conf.swp"), file); err != nil {
			t.Fatal(err)
		}
		eventually(t, "greeting is "+g+" after rename-replace", greetingIs(lv, g))
	}
}

// TestReloadOnSymlinkSwap updates a directory the way Kubernetes updates a
// mounted ConfigMap: app.conf → ..data/app.conf, and ..data is a symlink
// replaced by rename onto a new timestamped directory.
func TestReloadOnSymlinkSwap(t *testing.T) {
	dir := t.TempDir()
	version := func(name, text string) {
		if err := os.Mkdir(filepath.Join(dir, name), 0o700); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, name, "app.conf"), text)
		if err := os.Symlink(name, filepath.Join(dir, "..data_tmp")); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
			t.Fatal(err)
		}
	}
	version("..v1", "greeting = one\n")
	if err := os.Symlink(filepath.Join("..data", "app.conf"), filepath.Join(dir, "app.conf")); err != nil {
		t.Fatal(err)
	}
	lv := watched(t, nil, filepath.Join(dir, "app.conf"))
	version("..v2", "greeting = two\n")
	eventually(t, "greeting is two after the ..data swap", greetingIs(lv, "two"))
}

// TestRotatedSecretFileIsPickedUp: the secret's file is replaced (as a
// secret manager or kubelet does); the watcher reloads and the old key
// stops working.
func TestRotatedSecretFileIsPickedUp(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "api_key")
	oldKey, newKey := strings.Repeat("o", 32), strings.Repeat("n", 32)
	write(t, keyFile, oldKey+"\n")
	lv := watched(t, map[string]string{"API_KEY_FILE": keyFile}, "")
	h := routes(lv)
	if rec := get(t, h, "/admin", "Bearer "+oldKey); rec.Code != 200 {
		t.Fatalf("old key before rotation: %d", rec.Code)
	}
	write(t, keyFile+".new", newKey+"\n")
	if err := os.Rename(keyFile+".new", keyFile); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the new key works", func() bool { return get(t, h, "/admin", "Bearer "+newKey).Code == 200 })
	if rec := get(t, h, "/admin", "Bearer "+oldKey); rec.Code != 401 {
		t.Errorf("old key after rotation: %d, want 401", rec.Code)
	}
	write(t, keyFile, "short\n") // an invalid rotation keeps the working key
	eventually(t, "the short key is rejected", func() bool { return lv.status.Load().Rejected == 1 })
	if rec := get(t, h, "/admin", "Bearer "+newKey); rec.Code != 200 {
		t.Errorf("after a rejected rotation the current key gets %d", rec.Code)
	}
}

// TestSIGHUPReloads sends a real SIGHUP to this test process. That is safe
// only because signal.Notify is registered first: from then on Go delivers
// SIGHUP to the channel instead of letting it end the process.
func TestSIGHUPReloads(t *testing.T) {
	files := map[string]string{"app.conf": "greeting = one\n"}
	var mu sync.Mutex
	in := memInputs("dev", "app.conf", nil, files, nil)
	read := in.readFile
	in.readFile = func(name string) ([]byte, error) { mu.Lock(); defer mu.Unlock(); return read(name) }
	lv := newTestLive(t, in, io.Discard)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { reloadOnSignal(ctx, hup, lv); close(done) }()

	mu.Lock()
	files["app.conf"] = "greeting = two\n"
	mu.Unlock()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	eventually(t, "greeting is two after SIGHUP", greetingIs(lv, "two"))
	if st := lv.status.Load(); st.Trigger != "SIGHUP" {
		t.Errorf("trigger = %q, want SIGHUP", st.Trigger)
	}
	cancel()
	<-done // reloadOnSignal returns when its context ends
}
