//go:build !solution

package cursor

import "errors"

// Page returns up to limit articles of items in order (CreatedAt descending,
// then Slug ascending) that come after the position encoded in cursor
// ("" = from the start), and the cursor of the next page ("" when this page
// is the last). items may arrive in any order and must not be modified.
func (p Pager) Page(items []Article, cursor string, limit int) (page []Article, next string, err error) {
	return nil, "", errors.New("not implemented: edit exercises/3-cursor-pagination/cursor.go")
}
