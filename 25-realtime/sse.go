package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// handleEvents streams a room as Server-Sent Events. A new client gets the
// kept history, then live events; a client that sends Last-Event-ID (as
// EventSource does by itself when it reconnects) gets exactly what it
// missed, or "event: reset" first when that is no longer known.
//
// Each event is written as
//
//	id: k3f9a1-58
//	event: message
//	data: {"id":"k3f9a1-58",...}
//
// and a comment line (": ping") every PingInterval keeps idle proxies from
// closing the stream and finds dead clients (the write fails).
func (a *api) handleEvents(w http.ResponseWriter, r *http.Request) {
	user, roomName, ok := a.enter(w, r)
	if !ok {
		return
	}
	res, ok := resumeOf(w, r)
	if !ok {
		return
	}
	events, reset, changed, err := a.hub.Since(roomName, res)
	if err != nil {
		roomProblem(w, r, err)
		return
	}
	unwatch, err := a.hub.Watch(roomName, user)
	if err != nil {
		roomProblem(w, r, err)
		return
	}
	defer unwatch()
	a.metrics.connected.WithLabelValues("sse").Inc()
	defer a.metrics.connected.WithLabelValues("sse").Dec()

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)

	// write extends the write deadline (the server's WriteTimeout would end
	// the stream after 30 s) and flushes, so each event leaves at once.
	write := func(f func(io.Writer) error) bool {
		rc.SetWriteDeadline(time.Now().Add(a.opts.WriteWait))
		return f(w) == nil && rc.Flush() == nil
	}
	// A reconnecting EventSource waits `retry` ms; 1 s is enough to let a
	// restarted instance come up, short enough not to lose much.
	if !write(func(w io.Writer) error { _, err := io.WriteString(w, "retry: 1000\n\n"); return err }) {
		return
	}
	var last uint64
	send := func(evs []Event, reset bool) bool {
		if reset && !write(func(w io.Writer) error { return writeSSE(w, "", "reset", map[string]string{"type": "reset"}) }) {
			return false
		}
		for _, ev := range evs {
			if !write(func(w io.Writer) error { return writeSSE(w, ev.ID, ev.Type, ev) }) {
				return false
			}
			last = ev.Seq
			a.metrics.delivered.WithLabelValues("sse").Inc()
		}
		return true
	}
	if !send(events, reset) {
		return
	}
	heartbeat := time.NewTicker(a.opts.PingInterval)
	defer heartbeat.Stop()
	for {
		select {
		case <-changed:
			// Pull what is new from the history. A stream so slow that the
			// history moved past it gets a reset, like a late reconnect.
			events, reset, changed, _ = a.hub.Since(roomName, resume{given: true, instance: a.hub.opts.Instance, seq: last})
			if !send(events, reset) {
				return
			}
		case <-heartbeat.C:
			if !write(func(w io.Writer) error { _, err := io.WriteString(w, ": ping\n\n"); return err }) {
				return
			}
		case <-r.Context().Done():
			return
		case <-a.hub.Done():
			return // the stream ends; EventSource reconnects, to another instance behind a balancer
		}
	}
}

// writeSSE writes one event. data is JSON, which never contains a line
// break, so it is always a single data: line; an event whose data may hold
// line breaks needs one data: line per line (exercise 1).
func writeSSE(w io.Writer, id, event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	if id != "" {
		if _, err := fmt.Fprintf(w, "id: %s\n", id); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
	return err
}
