//go:build solution

package versions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Decode reads a version 1 or version 2 article payload.
func Decode(data []byte) (Article, error) {
	// First pass: only find out which version this is. A map of raw values
	// keeps every field undecoded for the second, version-specific pass.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil || fields == nil {
		return Article{}, fmt.Errorf("%w: the payload must be a JSON object", ErrBadField)
	}
	version := 1
	if raw, ok := fields["version"]; ok {
		// No coercion here: "2" (a string) is not version 2.
		if err := json.Unmarshal(raw, &version); err != nil || bytes.Equal(raw, []byte("null")) {
			return Article{}, fmt.Errorf("%w: version %s", ErrUnsupportedVersion, raw)
		}
	}
	switch version {
	case 1:
		return decodeV1(fields)
	case 2:
		return decodeV2(fields)
	default:
		return Article{}, fmt.Errorf("%w: %d", ErrUnsupportedVersion, version)
	}
}

// decodeV1 reads {"title","body","author":"name","tags":"a, b","published":bool|"true"|"false"}.
func decodeV1(fields map[string]json.RawMessage) (Article, error) {
	if err := onlyKnown(fields, "version", "title", "body", "author", "tags", "published"); err != nil {
		return Article{}, err
	}
	var a Article
	var tags string
	for name, dst := range map[string]*string{"title": &a.Title, "body": &a.Body, "author": &a.Author.Username, "tags": &tags} {
		if err := readString(fields, name, dst); err != nil {
			return Article{}, err
		}
	}
	a.Tags = cleanTags(strings.Split(tags, ","))
	a.Status = Draft
	if raw, ok := fields["published"]; ok {
		// Type coercion, on purpose and narrowly: old clients sent the
		// flag as a string. Accept exactly the two spellings they used.
		switch string(bytes.TrimSpace(raw)) {
		case "true", `"true"`:
			a.Status = Published
		case "false", `"false"`:
		default:
			return Article{}, fmt.Errorf("%w: published must be true or false, got %s", ErrBadField, raw)
		}
	}
	return a, required(a)
}

// decodeV2 reads {"version":2,"title","content","author":{"username","bio"},"tags":[...],"status"}.
func decodeV2(fields map[string]json.RawMessage) (Article, error) {
	if err := onlyKnown(fields, "version", "title", "content", "author", "tags", "status"); err != nil {
		return Article{}, err
	}
	var a Article
	if err := readString(fields, "title", &a.Title); err != nil {
		return Article{}, err
	}
	if err := readString(fields, "content", &a.Body); err != nil {
		return Article{}, err
	}
	if raw, ok := fields["author"]; ok {
		var author struct {
			Username string `json:"username"`
			Bio      string `json:"bio"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&author); err != nil {
			return Article{}, fmt.Errorf("%w: author: %v", ErrBadField, err)
		}
		a.Author = Author(author)
	}
	var tags []string
	if raw, ok := fields["tags"]; ok {
		if err := json.Unmarshal(raw, &tags); err != nil {
			return Article{}, fmt.Errorf("%w: tags must be an array of strings", ErrBadField)
		}
	}
	a.Tags = cleanTags(tags)
	a.Status = Draft
	if raw, ok := fields["status"]; ok {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Article{}, fmt.Errorf("%w: status must be a string", ErrBadField)
		}
		switch Status(s) {
		case Draft, Published, Archived:
			a.Status = Status(s)
		default:
			return Article{}, fmt.Errorf("%w: status %q is not draft, published or archived", ErrBadField, s)
		}
	}
	return a, required(a)
}

func onlyKnown(fields map[string]json.RawMessage, known ...string) error {
	for k := range fields {
		found := false
		for _, n := range known {
			found = found || k == n
		}
		if !found {
			return fmt.Errorf("%w: %q", ErrUnknownField, k)
		}
	}
	return nil
}

// readString sets *dst from fields[name] when present; null counts as absent.
func readString(fields map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := fields[name]
	if !ok || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("%w: %s must be a string", ErrBadField, name)
	}
	return nil
}

func required(a Article) error {
	switch {
	case strings.TrimSpace(a.Title) == "":
		return fmt.Errorf("%w: title", ErrMissingField)
	case strings.TrimSpace(a.Body) == "":
		return fmt.Errorf("%w: body", ErrMissingField)
	case strings.TrimSpace(a.Author.Username) == "":
		return fmt.Errorf("%w: author", ErrMissingField)
	}
	return nil
}

func cleanTags(in []string) []string {
	out := []string{}
	for _, t := range in {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
