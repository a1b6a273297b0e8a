package main

import (
	"net/http"
	"strconv"
	"time"

	"workbook/serve/problem"
)

// pollResponse is a long poll's answer.
type pollResponse struct {
	Instance string  `json:"instance"` // send it back as ?instance= with the next after=
	Reset    bool    `json:"reset"`    // what you missed is no longer kept: resync from events
	Events   []Event `json:"events"`
	Next     uint64  `json:"next"` // the after= of the next poll
}

// handlePoll is the long-polling fallback:
// GET /rooms/{room}/poll?after=N&instance=I&timeout=25s answers at once
// with the events after N, or waits up to timeout for the next one and
// answers 204 if none came. after=0 (or none) asks for everything kept.
// instance says which instance numbered N (the last answer's); without it
// N is taken as this instance's. When N is older than the history, from
// another instance, or from this one before a restart, the answer says
// reset and carries everything kept.
func (a *api) handlePoll(w http.ResponseWriter, r *http.Request) {
	_, roomName, ok := a.enter(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	res := resume{given: true, instance: a.hub.opts.Instance}
	if s := q.Get("after"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			problem.Error(w, r, http.StatusBadRequest, "after must be the seq of the last event you saw (0 for none)")
			return
		}
		res.seq = n
	}
	if inst := q.Get("instance"); inst != "" {
		res.instance = inst
	}
	timeout := a.opts.PollTimeout
	if s := q.Get("timeout"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 || d > a.opts.PollTimeout {
			problem.Error(w, r, http.StatusBadRequest, "timeout must be a duration from 0s to "+a.opts.PollTimeout.String())
			return
		}
		timeout = d
	}
	// The whole wait must fit in the write deadline.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(timeout + a.opts.WriteWait))
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		events, reset, changed, err := a.hub.Since(roomName, res)
		if err != nil {
			roomProblem(w, r, err)
			return
		}
		if len(events) > 0 || reset {
			next := res.seq
			if len(events) > 0 {
				next = events[len(events)-1].Seq
			}
			a.metrics.delivered.WithLabelValues("poll").Add(float64(len(events)))
			writeJSON(w, http.StatusOK, pollResponse{Instance: a.hub.opts.Instance, Reset: reset, Events: events, Next: next})
			return
		}
		select {
		case <-changed:
		case <-timer.C:
			w.WriteHeader(http.StatusNoContent)
			return
		case <-r.Context().Done():
			return
		case <-a.hub.Done():
			w.WriteHeader(http.StatusNoContent) // poll again, elsewhere
			return
		}
	}
}

// handleSend is how SSE and long-polling clients send: POST
// /rooms/{room}/messages {"text": "..."} → 202 (the message is on its way
// through the broker; it arrives in the room like every other).
func (a *api) handleSend(w http.ResponseWriter, r *http.Request) {
	user, roomName, ok := a.enter(w, r)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.Text == "" || len(body.Text) > a.opts.MaxText {
		problem.Write(w, r, &problem.Problem{Status: http.StatusUnprocessableEntity, Detail: "the message is invalid",
			Errors: []problem.FieldError{{Pointer: "/text", Detail: "must be 1 to " + strconv.Itoa(a.opts.MaxText) + " bytes"}}})
		return
	}
	if ok, wait := a.limits.allow(user); !ok {
		a.metrics.rateLimited.Inc()
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		problem.Error(w, r, http.StatusTooManyRequests, "too many messages: slow down")
		return
	}
	if err := a.hub.Send(r.Context(), roomName, user, body.Text); err != nil {
		roomProblem(w, r, err)
		return
	}
	a.metrics.received.Inc()
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "accepted"})
}

// handlePresence lists who is in the room, on every instance.
func (a *api) handlePresence(w http.ResponseWriter, r *http.Request) {
	_, roomName, ok := a.enter(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"room": roomName, "users": a.hub.Present(roomName)})
}
