//go:build !solution

package annotations

import "net/http"

// not implemented: edit exercises/4-annotations/handlers.go — annotate the
// three handlers below so that the generated document equals
// testdata/expected.json.

// ListTagBookmarks lists the bookmarks that carry a tag.
func (h *Handlers) ListTagBookmarks(w http.ResponseWriter, r *http.Request) { notServed(w) }

// RenameTag renames a tag on every bookmark that carries it.
func (h *Handlers) RenameTag(w http.ResponseWriter, r *http.Request) { notServed(w) }

// DeleteTag removes a tag from every bookmark.
func (h *Handlers) DeleteTag(w http.ResponseWriter, r *http.Request) { notServed(w) }
