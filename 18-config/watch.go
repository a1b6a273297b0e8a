package main

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the watcher waits after the last file event before it
// reloads: one save is often several events (truncate, write, chmod; or
// create-temp, rename), and one reload should read the finished file.
const settle = 100 * time.Millisecond

// watchFiles reloads lv when one of files changes, until ctx is done.
//
// It watches each file's DIRECTORY, not the file: editors save by writing a
// temporary file and renaming it over the old one, and a watch on the old
// file dies with it (fsnotify's docs on Watcher.Add say the same).
// Kubernetes mounts a ConfigMap or Secret as symlinks into a `..data`
// directory and updates it by swapping the `..data` symlink, so an event on
// a `..`-prefixed name counts as a change of every file in that directory.
func watchFiles(ctx context.Context, lv *live, files []string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	wanted := map[string]bool{} // cleaned paths of the watched files
	for _, f := range files {
		f = filepath.Clean(f)
		wanted[f] = true
		if err := w.Add(filepath.Dir(f)); err != nil {
			w.Close()
			return err
		}
	}
	go func() {
		defer w.Close()
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if relevant(ev, wanted) {
					timer.Reset(settle)
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				lv.logger.Warn("config watcher", "err", err)
			case <-timer.C:
				_ = lv.reload("file") // reload logs and counts its own failure
			}
		}
	}()
	return nil
}

// relevant reports whether ev may have changed one of the wanted files.
// A bare Chmod (touch, a backup tool) changes no content.
func relevant(ev fsnotify.Event, wanted map[string]bool) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name := filepath.Clean(ev.Name)
	if wanted[name] {
		return true
	}
	if strings.HasPrefix(filepath.Base(name), "..") {
		for f := range wanted {
			if filepath.Dir(f) == filepath.Dir(name) {
				return true
			}
		}
	}
	return false
}
