//go:build solution

package optional

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// UnmarshalJSON records that the key was present, and whether it was null.
// encoding/json calls it only for keys that are present, and calls it with
// the literal `null` for a null value, because Optional is not a pointer.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	o.Set = true
	if bytes.Equal(data, []byte("null")) {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	o.Null = false
	return json.Unmarshal(data, &o.Value)
}

// MarshalJSON writes null or the value. (Absent fields never reach it:
// omitzero leaves them out using IsZero.)
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Set || o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// IsZero reports whether the field is absent.
func (o Optional[T]) IsZero() bool {
	return !o.Set
}

// DecodePatch decodes a PATCH body strictly.
func DecodePatch(data []byte) (ArticlePatch, error) {
	var p ArticlePatch
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return p, errors.New("optional: a patch must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return ArticlePatch{}, fmt.Errorf("optional: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return ArticlePatch{}, errors.New("optional: data after the patch object")
	}
	return p, nil
}

// Apply returns a with p applied.
func Apply(a Article, p ArticlePatch) (Article, error) {
	if p.Title.Set {
		if p.Title.Null {
			return Article{}, fmt.Errorf("%w: title", ErrNotNullable)
		}
		a.Title = p.Title.Value
	}
	if p.Rating.Set {
		if p.Rating.Null {
			return Article{}, fmt.Errorf("%w: rating", ErrNotNullable)
		}
		a.Rating = p.Rating.Value
	}
	if p.Description.Set {
		if p.Description.Null {
			a.Description = nil
		} else {
			d := p.Description.Value
			a.Description = &d
		}
	}
	if p.Tags.Set {
		if p.Tags.Null {
			a.Tags = []string{}
		} else {
			a.Tags = slices.Clone(p.Tags.Value)
		}
	}
	return a, nil
}
