package main

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// live holds the configuration the handlers read, and swaps in a new one on
// reload. A reader calls current() once per request and uses that one
// snapshot throughout, so it never sees half of an old configuration and
// half of a new one.
type live struct {
	cur    atomic.Pointer[loaded]
	status atomic.Pointer[reloadStatus]
	build  func() (*loaded, error) // load with the start-up inputs; re-reads the files
	onSwap func(*loaded)           // applies what must change outside the snapshot (the log level)
	logger *slog.Logger
	now    func() time.Time
	mu     sync.Mutex // one reload at a time: the watcher and SIGHUP may fire together
}

// reloadStatus is what GET /config reports about reloads.
type reloadStatus struct {
	Reloads   int       `json:"reloads"`   // successful swaps since start-up
	Rejected  int       `json:"rejected"`  // reloads that kept the old configuration
	LastError string    `json:"lastError"` // why the last reload was rejected; "" once one succeeds
	LoadedAt  time.Time `json:"loadedAt"`  // when the configuration in use was loaded
	Trigger   string    `json:"trigger"`   // what loaded it: start-up, file, SIGHUP
}

func newLive(first *loaded, build func() (*loaded, error), onSwap func(*loaded), logger *slog.Logger, now func() time.Time) *live {
	lv := &live{build: build, onSwap: onSwap, logger: logger, now: now}
	lv.cur.Store(first)
	lv.status.Store(&reloadStatus{LoadedAt: now(), Trigger: "start-up"})
	onSwap(first)
	return lv
}

func (lv *live) current() *loaded { return lv.cur.Load() }

// reload builds a new configuration and swaps it in only if it is valid.
// An invalid one is logged with every problem and counted; the running
// configuration stays as it was.
func (lv *live) reload(trigger string) error {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	st := *lv.status.Load()
	next, err := lv.build()
	if err != nil {
		st.Rejected++
		st.LastError = err.Error()
		lv.status.Store(&st)
		lv.logger.Error("config reload rejected; keeping the previous configuration",
			"trigger", trigger, "problems", strings.Split(err.Error(), "\n"))
		return err
	}
	old := lv.cur.Swap(next)
	lv.onSwap(next)
	st.Reloads++
	st.LastError = ""
	st.LoadedAt, st.Trigger = lv.now(), trigger
	lv.status.Store(&st)
	lv.logger.Info("config reloaded", "trigger", trigger, "changed", changedKeys(old, next))
	return nil
}

// changedKeys names the keys whose value or source differ: a rotated
// secret shows up by name, never by value.
func changedKeys(old, next *loaded) []string {
	var changed []string
	for i, o := range next.origins {
		if o.text != old.origins[i].text || o.source != old.origins[i].source {
			changed = append(changed, o.key.name)
		}
	}
	return changed
}

// reloadOnSignal reloads once per signal received on sig (SIGHUP, wired in
// main.go) until ctx is done.
func reloadOnSignal(ctx context.Context, sig <-chan os.Signal, lv *live) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-sig:
			_ = lv.reload("SIGHUP") // reload logs and counts its own failure
		}
	}
}
