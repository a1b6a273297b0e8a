package hypermedia

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func rels(ls []Link) []string {
	out := []string{}
	for _, l := range ls {
		out = append(out, l.Rel)
	}
	return out
}

func TestLinksPerStateAndViewer(t *testing.T) {
	tests := []struct {
		status Status
		viewer string
		want   []string
	}{
		{Draft, "jake", []string{"author", "delete", "edit", "publish", "self"}},
		{Draft, "ann", []string{}},
		{Draft, "", []string{}},
		{Published, "jake", []string{"archive", "author", "delete", "edit", "self", "unpublish"}},
		{Published, "ann", []string{"author", "self"}},
		{Published, "", []string{"author", "self"}},
		{Archived, "jake", []string{"author", "delete", "restore", "self"}},
		{Archived, "ann", []string{"author", "self"}},
		{Archived, "", []string{"author", "self"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+"/"+tc.viewer, func(t *testing.T) {
			a := Article{Slug: "how-to-train-your-dragon", Author: "jake", Status: tc.status}
			if got := rels(Links(a, tc.viewer)); !slices.Equal(got, tc.want) {
				t.Errorf("Links(%s article, viewer %q) rels = %v, want %v", tc.status, tc.viewer, got, tc.want)
			}
		})
	}
}

func TestLinkTargets(t *testing.T) {
	const self = "/v2/articles/caf%C3%A9%20au%20lait"
	tests := []struct {
		name   string
		a      Article
		viewer string
		want   []Link // sorted by Rel
	}{
		{"published, author", Article{Slug: "caf\u00e9 au lait", Author: "jake", Status: Published}, "jake", []Link{
			{"archive", self + "/archive", "POST"},
			{"author", "/v2/profiles/jake", "GET"},
			{"delete", self, "DELETE"},
			{"edit", self, "PUT"},
			{"self", self, "GET"},
			{"unpublish", self + "/unpublish", "POST"},
		}},
		{"draft, author", Article{Slug: "caf\u00e9 au lait", Author: "jake", Status: Draft}, "jake", []Link{
			{"author", "/v2/profiles/jake", "GET"},
			{"delete", self, "DELETE"},
			{"edit", self, "PUT"},
			{"publish", self + "/publish", "POST"},
			{"self", self, "GET"},
		}},
		{"archived, author", Article{Slug: "caf\u00e9 au lait", Author: "jake", Status: Archived}, "jake", []Link{
			{"author", "/v2/profiles/jake", "GET"},
			{"delete", self, "DELETE"},
			{"restore", self + "/restore", "POST"},
			{"self", self, "GET"},
		}},
		{"published, reader, slash and space escaped", Article{Slug: "a/b?c", Author: "jake m", Status: Published}, "ann", []Link{
			{"author", "/v2/profiles/jake%20m", "GET"},
			{"self", "/v2/articles/a%2Fb%3Fc", "GET"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Links(tc.a, tc.viewer); !slices.Equal(got, tc.want) {
				t.Errorf("Links(%+v, %q) =\n  %+v\nwant (path segments escaped, sorted by rel)\n  %+v", tc.a, tc.viewer, got, tc.want)
			}
		})
	}
}

func TestApply(t *testing.T) {
	tests := []struct {
		status     Status
		viewer     string
		rel        string
		wantStatus Status
		wantErr    error
	}{
		{Draft, "jake", "publish", Published, nil},
		{Published, "jake", "archive", Archived, nil},
		{Published, "jake", "unpublish", Draft, nil},
		{Archived, "jake", "restore", Published, nil},
		{Draft, "jake", "archive", "", ErrConflict},
		{Archived, "jake", "publish", "", ErrConflict},
		{Published, "ann", "archive", "", ErrForbidden},
		{Published, "", "archive", "", ErrForbidden},
		{Draft, "ann", "publish", "", ErrNotFound},
		{Draft, "jake", "explode", "", ErrUnknownAction},
		{Draft, "jake", "edit", "", ErrUnknownAction},
		{Published, "jake", "self", "", ErrUnknownAction},
		{Published, "jake", "delete", "", ErrUnknownAction},
		{Published, "jake", "", "", ErrUnknownAction},
		{Published, "jake", "Publish", "", ErrUnknownAction},
		// The order of the checks decides which error wins.
		{Draft, "ann", "explode", "", ErrUnknownAction},
		{Draft, "", "archive", "", ErrNotFound},
		{Draft, "", "publish", "", ErrNotFound},
		{Published, "ann", "publish", "", ErrForbidden},
		{Published, "ann", "unpublish", "", ErrForbidden},
		{Archived, "ann", "restore", "", ErrForbidden},
		{Archived, "", "archive", "", ErrForbidden},
		{Archived, "jake", "archive", "", ErrConflict},
		{Archived, "jake", "unpublish", "", ErrConflict},
		{Published, "jake", "publish", "", ErrConflict},
		{Published, "jake", "restore", "", ErrConflict},
		{Draft, "jake", "restore", "", ErrConflict},
		{Draft, "jake", "unpublish", "", ErrConflict},
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+"/"+tc.viewer+"/"+tc.rel, func(t *testing.T) {
			a := Article{Slug: "s", Author: "jake", Status: tc.status}
			got, err := Apply(a, tc.viewer, tc.rel)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("Apply(%s, %q, %s) error = %v, want %v", tc.status, tc.viewer, tc.rel, err, tc.wantErr)
				}
				return
			}
			if err != nil || got.Status != tc.wantStatus || got.Slug != "s" || got.Author != "jake" {
				t.Errorf("Apply(%s, %q, %s) = %+v, %v, want status %s", tc.status, tc.viewer, tc.rel, got, err, tc.wantStatus)
			}
		})
	}
}

// TestLinksAreTheTruth: for every state, viewer and action, an action link
// is advertised if and only if Apply accepts it. A client that shows a
// button per link never shows one that fails.
func TestLinksAreTheTruth(t *testing.T) {
	advertised := 0
	for _, status := range []Status{Draft, Published, Archived} {
		for _, viewer := range []string{"jake", "ann", ""} {
			a := Article{Slug: "s", Author: "jake", Status: status}
			links := Links(a, viewer)
			for _, rel := range []string{"publish", "unpublish", "archive", "restore"} {
				i := slices.IndexFunc(links, func(l Link) bool { return l.Rel == rel })
				_, err := Apply(a, viewer, rel)
				if (i >= 0) != (err == nil) {
					t.Errorf("%s article, viewer %q: link %q advertised = %v, but Apply error = %v", status, viewer, rel, i >= 0, err)
				}
				if i >= 0 {
					advertised++
					if l := links[i]; l.Method != "POST" || !strings.HasSuffix(l.Href, "/"+rel) {
						t.Errorf("action link %+v, want POST to .../%s", l, rel)
					}
				}
			}
		}
	}
	if advertised != 4 {
		t.Errorf("%d action links advertised across all cases, want 4 (one per transition, for the author)", advertised)
	}
}
