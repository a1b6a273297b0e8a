//go:build solution

package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Stream reads a JSON export from r and calls fn for each article, in
// order. It returns how many articles fn accepted.
//
// json.Decoder reads r through a small buffer; Token walks the structure
// without building it, and Decode, called between tokens, builds just the
// next value. Only one article is in memory at a time.
func Stream(r io.Reader, fn func(Article) error) (int, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return 0, fmt.Errorf("stream: the export must be a JSON object: %w", err)
	}
	n, found := 0, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return n, err
		}
		key, _ := tok.(string)
		if key != "articles" || found {
			// Any other key: decode its value into RawMessage to skip it.
			// These are small metadata fields; a huge one would be buffered.
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return n, err
			}
			continue
		}
		found = true
		if err := expectDelim(dec, '['); err != nil {
			return n, fmt.Errorf("%w: %v", ErrNoArticles, err)
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return n, err
			}
			a, err := decodeArticle(raw)
			if err != nil {
				return n, fmt.Errorf("%w: article %d: %v", ErrInvalid, n, err)
			}
			if err := fn(a); err != nil {
				return n, err
			}
			n++
		}
		if err := expectDelim(dec, ']'); err != nil {
			return n, err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return n, err
	}
	if !found {
		return n, ErrNoArticles
	}
	// Nothing but whitespace may follow the object.
	if _, err := dec.Token(); err != io.EOF {
		return n, errors.New("stream: data after the export object")
	}
	return n, nil
}

// decodeArticle decodes one element strictly.
func decodeArticle(raw json.RawMessage) (Article, error) {
	var a Article
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return Article{}, err
	}
	if a.Slug == "" {
		return Article{}, errors.New("slug is empty")
	}
	return a, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("got %v, want %v", tok, want)
	}
	return nil
}
