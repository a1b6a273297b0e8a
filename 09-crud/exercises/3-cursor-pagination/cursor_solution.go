//go:build solution

package cursor

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// position is what a cursor encodes: the sort key of the last item served.
type position struct {
	CreatedAt time.Time `json:"c"`
	Slug      string    `json:"s"`
}

// compare orders articles newest first, then by slug.
func compare(a, b position) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.Slug, b.Slug)
}

func pos(a Article) position { return position{CreatedAt: a.CreatedAt, Slug: a.Slug} }

// Page returns the page after cursor and the cursor of the next one.
func (p Pager) Page(items []Article, cursor string, limit int) ([]Article, string, error) {
	if limit < 1 || limit > MaxLimit {
		return nil, "", fmt.Errorf("%w: %d is not in 1..%d", ErrBadLimit, limit, MaxLimit)
	}
	sorted := slices.Clone(items)
	slices.SortFunc(sorted, func(a, b Article) int { return compare(pos(a), pos(b)) })

	start := 0
	if cursor != "" {
		after, err := p.decode(cursor)
		if err != nil {
			return nil, "", err
		}
		// Keyset: skip everything at or before the last position served.
		// Because we seek by value, not by offset, inserts and deletes
		// before that point cannot shift the page.
		start, _ = slices.BinarySearchFunc(sorted, after, func(a Article, t position) int { return compare(pos(a), t) })
		if start < len(sorted) && compare(pos(sorted[start]), after) == 0 {
			start++
		}
	}
	end := min(start+limit, len(sorted))
	page := sorted[start:end]
	next := ""
	if end < len(sorted) {
		next = p.encode(pos(page[len(page)-1]))
	}
	return page, next, nil
}

// encode signs the position: base64url(JSON) "." base64url(HMAC-SHA256).
// The client can read it (it is not secret) but cannot change it undetected.
func (p Pager) encode(at position) string {
	payload, _ := json.Marshal(at) // a struct of a time and a string always marshals
	b64 := base64.RawURLEncoding.EncodeToString(payload)
	return b64 + "." + base64.RawURLEncoding.EncodeToString(p.sign(b64))
}

func (p Pager) decode(cursor string) (position, error) {
	b64, sig64, ok := strings.Cut(cursor, ".")
	if !ok {
		return position{}, fmt.Errorf("%w: no signature", ErrInvalidCursor)
	}
	sig, err := base64.RawURLEncoding.DecodeString(sig64)
	// hmac.Equal compares in constant time, so timing does not reveal how
	// many bytes of a forged signature were right.
	if err != nil || !hmac.Equal(sig, p.sign(b64)) {
		return position{}, fmt.Errorf("%w: bad signature", ErrInvalidCursor)
	}
	payload, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil {
		return position{}, fmt.Errorf("%w: %v", ErrInvalidCursor, err)
	}
	var at position
	if err := json.Unmarshal(payload, &at); err != nil {
		return position{}, fmt.Errorf("%w: %v", ErrInvalidCursor, err)
	}
	return at, nil
}

func (p Pager) sign(data string) []byte {
	m := hmac.New(sha256.New, p.Secret)
	m.Write([]byte(data))
	return m.Sum(nil)
}
