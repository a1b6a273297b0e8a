package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"regexp"
	"time"

	"github.com/robfig/cron/v3"

	"workbook/serve/problem"
)

const maxJobBytes = 64 << 10

var kindPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// enqueueRequest is POST /jobs' body.
type enqueueRequest struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Payload  json.RawMessage `json:"payload"`
	Priority int             `json:"priority"`
	DelayMS  int64           `json:"delay_ms"`
}

func routes(pub *publisher, in *inspector, st *stats, sched *cron.Cron) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /jobs", func(w http.ResponseWriter, r *http.Request) { enqueue(w, r, pub) })
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		snap := st.snapshot()
		d, err := in.depths()
		if err != nil {
			problem.Error(w, r, http.StatusServiceUnavailable, "the broker is unreachable")
			return
		}
		snap.Queues = d
		writeJSON(w, http.StatusOK, snap)
	})
	mux.HandleFunc("GET /schedules", func(w http.ResponseWriter, r *http.Request) {
		type entry struct {
			Next time.Time `json:"next"`
		}
		var out []entry
		for _, e := range sched.Entries() {
			out = append(out, entry{Next: e.Next})
		}
		writeJSON(w, http.StatusOK, out)
	})
	return problem.Routes(mux)
}

func enqueue(w http.ResponseWriter, r *http.Request, pub *publisher) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the job as application/json")
		return
	}
	var req enqueueRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJobBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "a job is at most 64 KiB")
			return
		}
		problem.Error(w, r, http.StatusBadRequest, "the body is not a JSON job object")
		return
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		problem.Error(w, r, http.StatusBadRequest, "the body holds more than one JSON value")
		return
	}
	var fields []problem.FieldError
	if !kindPattern.MatchString(req.Kind) {
		fields = append(fields, problem.FieldError{Pointer: "/kind", Detail: "must match " + kindPattern.String()})
	}
	if req.Priority < 0 || req.Priority > maxPriority {
		fields = append(fields, problem.FieldError{Pointer: "/priority", Detail: "must be 0 to 9"})
	}
	if req.DelayMS < 0 || req.DelayMS > 24*3600*1000 {
		fields = append(fields, problem.FieldError{Pointer: "/delay_ms", Detail: "must be 0 to 86400000"})
	}
	if len(req.ID) > 64 {
		fields = append(fields, problem.FieldError{Pointer: "/id", Detail: "at most 64 characters"})
	}
	if len(fields) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the job has invalid fields")
		p.Errors = fields
		problem.Write(w, r, p)
		return
	}
	if req.ID == "" {
		req.ID = newID()
	}
	j := job{ID: req.ID, Kind: req.Kind, Payload: req.Payload, Priority: uint8(req.Priority)}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	// 202 only after the broker confirmed: an accepted job is on disk.
	if err := pub.Publish(ctx, j, "jobs."+j.Kind, 1, time.Duration(req.DelayMS)*time.Millisecond); err != nil {
		problem.Error(w, r, http.StatusServiceUnavailable, "the queue did not accept the job; try again")
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"id": j.ID, "kind": j.Kind, "routing_key": "jobs." + j.Kind})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
