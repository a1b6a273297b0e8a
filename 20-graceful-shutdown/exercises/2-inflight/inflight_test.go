package inflight

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"
)

// blocking returns a handler that signals started and waits for release.
func blocking(started chan<- struct{}, release <-chan struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
	})
}

func serve(h http.Handler) {
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

func TestCountsAndWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var tr Tracker
		if n := tr.InFlight(); n != 0 {
			t.Fatalf("InFlight() = %d at start, want 0", n)
		}
		if err := tr.Wait(context.Background()); err != nil {
			t.Fatalf("Wait with nothing in flight = %v, want nil", err)
		}
		started, release := make(chan struct{}), make(chan struct{})
		h := tr.Handler(blocking(started, release))
		for range 3 {
			go serve(h)
			<-started
		}
		if n := tr.InFlight(); n != 3 {
			t.Errorf("InFlight() = %d with three running, want 3", n)
		}
		waited := make(chan error, 1)
		go func() { waited <- tr.Wait(context.Background()) }()
		release <- struct{}{}
		release <- struct{}{}
		synctest.Wait()
		select {
		case err := <-waited:
			t.Fatalf("Wait returned %v with one request still running", err)
		default:
		}
		if n := tr.InFlight(); n != 1 {
			t.Errorf("InFlight() = %d, want 1", n)
		}
		release <- struct{}{}
		if err := <-waited; err != nil {
			t.Errorf("Wait = %v, want nil", err)
		}
		// A second round works too: the tracker is reusable.
		go serve(h)
		<-started
		go func() { waited <- tr.Wait(context.Background()) }()
		synctest.Wait()
		select {
		case err := <-waited:
			t.Fatalf("second Wait returned %v early", err)
		default:
		}
		release <- struct{}{}
		if err := <-waited; err != nil {
			t.Errorf("second Wait = %v, want nil", err)
		}
	})
}

func TestWaitGivesUpAtDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var tr Tracker
		started, release := make(chan struct{}), make(chan struct{})
		go serve(tr.Handler(blocking(started, release)))
		<-started
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		err := tr.Wait(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 5*time.Second {
			t.Errorf("Wait = %v after %v, want DeadlineExceeded after 5s", err, time.Since(start))
		}
		close(release)
	})
}

func TestPanickingHandlerLeaves(t *testing.T) {
	var tr Tracker
	h := tr.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	func() {
		defer func() { recover() }()
		serve(h)
	}()
	if n := tr.InFlight(); n != 0 {
		t.Errorf("InFlight() = %d after a panicking request, want 0", n)
	}
	if err := tr.Wait(context.Background()); err != nil {
		t.Errorf("Wait = %v, want nil", err)
	}
}
