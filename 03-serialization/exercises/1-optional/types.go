// Package optional decodes a PATCH body whose fields have three states:
// absent (leave the value alone), null (clear it) and a value (set it).
package optional

import "errors"

// Optional is one field of a PATCH body.
//
//	absent   Optional{}                         the key was not in the JSON
//	null     Optional{Set: true, Null: true}    "key": null
//	a value  Optional{Set: true, Value: v}      "key": v
type Optional[T any] struct {
	Set   bool // the key was present
	Null  bool // the value was JSON null (only meaningful when Set)
	Value T    // the value (only meaningful when Set and not Null)
}

// Some returns a set, non-null Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: v} }

// Null returns a set Optional holding JSON null.
func Null[T any]() Optional[T] { return Optional[T]{Set: true, Null: true} }

// Article is the resource being patched.
type Article struct {
	Title       string
	Description *string // nil: no description
	Tags        []string
	Rating      float64
}

// ArticlePatch is the body of PATCH /articles/{slug}. `omitzero` leaves a
// field out of the JSON when its IsZero method says it is absent.
type ArticlePatch struct {
	Title       Optional[string]   `json:"title,omitzero"`
	Description Optional[string]   `json:"description,omitzero"`
	Tags        Optional[[]string] `json:"tags,omitzero"`
	Rating      Optional[float64]  `json:"rating,omitzero"`
}

// ErrNotNullable is returned (wrapped) by Apply when a patch sets a
// required field to null.
var ErrNotNullable = errors.New("optional: field cannot be null")
