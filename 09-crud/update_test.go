package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

func patchReq(slug, etag, body string) req {
	return req{method: "PATCH", path: "/articles/" + slug, body: body,
		header: map[string]string{"Content-Type": "application/merge-patch+json", "If-Match": etag}}
}

func TestPutReplacesPatchMerges(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Original", "go", "web")

	// PATCH changes only what the patch names; null removes a member.
	w := do(t, h, patchReq("original", etag, `{"title": "Renamed", "tagList": null}`))
	if w.Code != 200 {
		t.Fatalf("PATCH = %d %s, want 200", w.Code, w.Body)
	}
	got := decode[articleEnvelope](t, w).Article
	if got.Title != "Renamed" || got.Description != "d" || len(got.Tags) != 0 || got.Slug != "original" || got.Version != 2 {
		t.Errorf("after PATCH article = %+v, want title Renamed, description kept, no tags, slug unchanged, version 2", got)
	}

	// PUT replaces everything: the description it leaves out is cleared.
	w = do(t, h, req{method: "PUT", path: "/articles/original", body: `{"article": {"title": "Put", "body": "new body"}}`,
		header: map[string]string{"If-Match": w.Header().Get("ETag")}})
	if w.Code != 200 {
		t.Fatalf("PUT = %d %s, want 200", w.Code, w.Body)
	}
	got = decode[articleEnvelope](t, w).Article
	if got.Title != "Put" || got.Description != "" || got.Body != "new body" || got.Version != 3 {
		t.Errorf("after PUT article = %+v, want title Put, description cleared, version 3", got)
	}
}

func TestUpdateBadInput(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Target")
	tests := []struct {
		name     string
		rq       req
		want     int
		wantBody string
	}{
		{"patch as application/json", req{method: "PATCH", path: "/articles/target", body: `{"title": "x"}`, header: map[string]string{"If-Match": etag}}, 415, "application/merge-patch+json"},
		{"patch not an object", patchReq("target", etag, `["title"]`), 400, "must be a JSON object"},
		{"patch malformed", patchReq("target", etag, `{"title": `), 400, "must be a JSON object"},
		{"patch removes required title", patchReq("target", etag, `{"title": null}`), 422, `"pointer": "/title",
      "detail": "is required"`},
		{"patch read-only slug", patchReq("target", etag, `{"slug": "other"}`), 422, "not writable"},
		{"patch wrong type", patchReq("target", etag, `{"tagList": "go"}`), 422, "not writable"},
		{"put missing body", req{method: "PUT", path: "/articles/target", body: `{"article": {"title": "t"}}`, header: map[string]string{"If-Match": etag}}, 422, `"pointer": "/article/body",
      "detail": "is required"`},
		{"put unknown article", req{method: "PUT", path: "/articles/nope", body: articleBody("Nope"), header: map[string]string{"If-Match": "*"}}, 404, "not found"},
		{"patch unknown article", patchReq("nope", "*", `{}`), 404, "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, h, tc.rq)
			if w.Code != tc.want || !strings.Contains(w.Body.String(), tc.wantBody) {
				t.Fatalf("%s %s = %d %s, want %d containing %q", tc.rq.method, tc.rq.path, w.Code, w.Body, tc.want, tc.wantBody)
			}
		})
	}
	// None of the failed updates changed anything: updates are atomic.
	w := do(t, h, req{method: "GET", path: "/articles/target"})
	if got := w.Header().Get("ETag"); got != etag {
		t.Errorf("after failed updates ETag = %s, want unchanged %s", got, etag)
	}
}

func TestIfMatch(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Guarded")
	stale := etag
	w := do(t, h, patchReq("guarded", etag, `{"description": "v2"}`))
	etag = w.Header().Get("ETag")

	tests := []struct {
		name, ifMatch string
		want          int
	}{
		{"missing", "", http.StatusPreconditionRequired},
		{"stale", stale, http.StatusPreconditionFailed},
		{"weak never matches (strong comparison)", "W/" + etag, http.StatusPreconditionFailed},
		{"unquoted", strings.Trim(etag, `"`), http.StatusPreconditionFailed},
		{"list containing current", stale + ", " + etag, http.StatusOK},
		{"star", "*", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(t, h, patchReq("guarded", tc.ifMatch, `{"description": "x"}`))
			if w.Code != tc.want {
				t.Fatalf("PATCH with If-Match %q = %d %s, want %d", tc.ifMatch, w.Code, w.Body, tc.want)
			}
			etag = w.Header().Get("ETag")
		})
	}
	if w := do(t, h, req{method: "DELETE", path: "/articles/guarded"}); w.Code != http.StatusPreconditionRequired {
		t.Errorf("DELETE without If-Match = %d, want 428", w.Code)
	}
}

// TestConcurrentUpdatesOneWins: twenty clients read version 1 and all try to
// write. Exactly one may succeed; the others must learn they were too late.
func TestConcurrentUpdatesOneWins(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Contended")
	const n = 20
	codes := make(chan int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			codes <- do(t, h, patchReq("contended", etag, `{"description": "writer `+string(rune('a'+i))+`"}`)).Code
		})
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[200] != 1 || count[412] != n-1 {
		t.Fatalf("%d concurrent PATCHes with one ETag gave %v, want one 200 and %d 412", n, count, n-1)
	}
	got := decode[articleEnvelope](t, do(t, h, req{method: "GET", path: "/articles/contended"})).Article
	if got.Version != 2 {
		t.Errorf("version after the race = %d, want 2", got.Version)
	}
}

func TestSoftDeleteAndRestore(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Doomed")
	if w := do(t, h, req{method: "POST", path: "/articles/doomed/comments", body: `{"comment": {"body": "first!"}}`}); w.Code != 201 {
		t.Fatalf("POST comment = %d %s, want 201", w.Code, w.Body)
	}
	steps := []struct {
		name     string
		rq       req
		want     int
		wantBody string
	}{
		{"delete unknown", req{method: "DELETE", path: "/articles/nope", header: map[string]string{"If-Match": "*"}}, 404, "not found"},
		{"delete", req{method: "DELETE", path: "/articles/doomed", header: map[string]string{"If-Match": etag}}, 204, ""},
		{"get deleted", req{method: "GET", path: "/articles/doomed"}, 410, "restore"},
		{"comments cascade", req{method: "GET", path: "/articles/doomed/comments"}, 410, "deleted"},
		{"comment on deleted", req{method: "POST", path: "/articles/doomed/comments", body: `{"comment": {"body": "hi"}}`}, 410, "deleted"},
		{"not listed", req{method: "GET", path: "/articles"}, 200, `"articlesCount": 0`},
		{"slug stays reserved", req{method: "POST", path: "/articles", body: articleBody("Doomed")}, 409, "restore it"},
		{"delete again", req{method: "DELETE", path: "/articles/doomed", header: map[string]string{"If-Match": "*"}}, 410, "deleted"},
		{"restore", req{method: "POST", path: "/articles/doomed/restore"}, 200, `"version": 3`},
		{"comments back", req{method: "GET", path: "/articles/doomed/comments"}, 200, "first!"},
		{"restore live", req{method: "POST", path: "/articles/doomed/restore"}, 409, "not deleted"},
		{"restore unknown", req{method: "POST", path: "/articles/nope/restore"}, 404, "not found"},
		{"empty comment", req{method: "POST", path: "/articles/doomed/comments", body: `{"comment": {"body": " "}}`}, 422, "1-2000"},
	}
	for _, s := range steps {
		w := do(t, h, s.rq)
		if w.Code != s.want || !strings.Contains(w.Body.String(), s.wantBody) {
			t.Fatalf("step %q: %s %s = %d %s, want %d containing %q", s.name, s.rq.method, s.rq.path, w.Code, w.Body, s.want, s.wantBody)
		}
	}
}

func TestAuditLog(t *testing.T) {
	h := newTestServer(t)
	etag := mustCreate(t, h, "Audited")
	w := do(t, h, req{method: "PATCH", path: "/articles/audited", body: `{"description": "changed"}`,
		header: map[string]string{"Content-Type": mergePatchType, "If-Match": etag, "X-User": "ann"}})
	do(t, h, req{method: "DELETE", path: "/articles/audited", header: map[string]string{"If-Match": w.Header().Get("ETag"), "X-User": "ann"}})
	do(t, h, req{method: "PATCH", path: "/articles/audited", body: `{}`, header: map[string]string{"If-Match": "*"}}) // 410: not audited
	mustCreate(t, h, "Other")

	got := decode[map[string][]auditJSON](t, do(t, h, req{method: "GET", path: "/audit?slug=audited"}))["entries"]
	want := []struct{ actor, action, before, after string }{
		{"jake", "create", "", "d"},
		{"ann", "patch", "d", "changed"},
		{"ann", "delete", "changed", "changed"},
	}
	if len(got) != len(want) {
		t.Fatalf("GET /audit?slug=audited returned %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		e := got[i]
		before := ""
		if e.Before != nil {
			before = e.Before.Description
		}
		if e.Actor != w.actor || e.Action != w.action || before != w.before || e.After == nil || e.After.Description != w.after || e.At.IsZero() {
			t.Errorf("audit entry %d = %+v, want actor %s action %s description %q → %q", i, e, w.actor, w.action, w.before, w.after)
		}
	}
	if c := got[1].Changed; len(c) != 1 || c[0] != "description" {
		t.Errorf("patch entry changed = %v, want [description]", c)
	}
	if c := got[2].Changed; len(c) != 1 || c[0] != "deletedAt" || got[2].After.DeletedAt == nil {
		t.Errorf("delete entry changed = %v (deletedAt %v), want [deletedAt] and a deletedAt time", c, got[2].After.DeletedAt)
	}
}
