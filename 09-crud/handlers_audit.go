package main

import (
	"net/http"
	"slices"
	"time"
)

type auditJSON struct {
	Seq     int          `json:"seq"`
	At      time.Time    `json:"at"`
	Actor   string       `json:"actor"`
	Action  string       `json:"action"`
	Slug    string       `json:"slug"`
	Before  *articleJSON `json:"before,omitempty"`
	After   *articleJSON `json:"after,omitempty"`
	Changed []string     `json:"changed,omitempty"` // writable fields that differ between before and after
	Comment *commentJSON `json:"comment,omitempty"`
}

func toAuditJSON(e auditEntry) auditJSON {
	out := auditJSON{Seq: e.Seq, At: e.At, Actor: e.Actor, Action: e.Action, Slug: e.Slug}
	if e.Before != nil {
		b := toArticleJSON(*e.Before)
		out.Before = &b
	}
	if e.After != nil {
		a := toArticleJSON(*e.After)
		out.After = &a
	}
	if e.Before != nil && e.After != nil {
		out.Changed = changedFields(*e.Before, *e.After)
	}
	if e.Comment != nil {
		c := toCommentJSON(*e.Comment)
		out.Comment = &c
	}
	return out
}

// handleAuditList: GET /audit?slug= lists every change, oldest first.
func (s *api) handleAuditList(w http.ResponseWriter, r *http.Request) {
	entries := s.store.Audit(r.URL.Query().Get("slug"))
	out := make([]auditJSON, 0, len(entries))
	for _, e := range entries {
		out = append(out, toAuditJSON(e))
	}
	writeJSON(w, http.StatusOK, map[string][]auditJSON{"entries": out})
}

// changedFields names what a change did, so a reader of the log need not
// diff two documents by eye.
func changedFields(before, after article) []string {
	var out []string
	if before.Title != after.Title {
		out = append(out, "title")
	}
	if before.Description != after.Description {
		out = append(out, "description")
	}
	if before.Body != after.Body {
		out = append(out, "body")
	}
	if !slices.Equal(before.Tags, after.Tags) {
		out = append(out, "tagList")
	}
	if before.Deleted() != after.Deleted() {
		out = append(out, "deletedAt")
	}
	return out
}
