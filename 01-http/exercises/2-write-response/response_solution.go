//go:build solution

package writeresponse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
)

// Write serializes res to w as an HTTP/1.1 response.
//
// Everything that can be checked before writing is checked first, so a
// response with a bad header writes nothing. A body that turns out shorter
// or longer than ContentLength is only found while writing it; by then the
// head is on the wire and the caller must close the connection.
func Write(w io.Writer, res *Response) error {
	if res.StatusCode < 100 || res.StatusCode > 999 {
		return fmt.Errorf("%w: %d", ErrInvalidStatus, res.StatusCode)
	}
	reason := res.Reason
	if reason == "" {
		reason = http.StatusText(res.StatusCode)
	}
	if hasCTL(reason) {
		return fmt.Errorf("%w: %q", ErrInvalidReason, reason)
	}

	header, err := canonical(res.Header)
	if err != nil {
		return err
	}
	for _, name := range []string{"Content-Length", "Transfer-Encoding", "Trailer"} {
		if _, ok := header[name]; ok {
			return fmt.Errorf("%w: %s", ErrFramingHeader, name)
		}
	}
	trailer, err := canonical(res.Trailer)
	if err != nil {
		return err
	}
	chunked := res.ContentLength < 0
	if len(trailer) > 0 && !chunked {
		return fmt.Errorf("%w: ContentLength is %d", ErrTrailerNeedsChunked, res.ContentLength)
	}

	// 1xx, 204 and 304 responses end at the empty line after the headers,
	// whatever their fields say (RFC 9112 §6.3), so they carry no framing.
	noBody := res.StatusCode < 200 || res.StatusCode == 204 || res.StatusCode == 304
	switch {
	case noBody:
		if res.Body != nil {
			return fmt.Errorf("%w: %d", ErrBodyNotAllowed, res.StatusCode)
		}
	case chunked:
		header["Transfer-Encoding"] = []string{"chunked"}
		if len(trailer) > 0 {
			header["Trailer"] = []string{strings.Join(slices.Sorted(maps.Keys(trailer)), ", ")}
		}
	default:
		header["Content-Length"] = []string{strconv.FormatInt(res.ContentLength, 10)}
	}

	var head bytes.Buffer
	fmt.Fprintf(&head, "HTTP/1.1 %03d %s\r\n", res.StatusCode, reason)
	writeFields(&head, header)
	head.WriteString("\r\n")
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}

	if noBody || res.HeadRequest {
		return nil
	}
	if chunked {
		return writeChunked(w, res.Body, trailer)
	}
	return writeFixed(w, res.Body, res.ContentLength)
}

// writeFixed copies exactly n bytes of body to w.
func writeFixed(w io.Writer, body io.Reader, n int64) error {
	if body == nil {
		body = strings.NewReader("")
	}
	copied, err := io.CopyN(w, body, n)
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: body ended after %d of %d bytes", ErrBodyLength, copied, n)
	}
	if err != nil {
		return err
	}
	// One byte more must not exist.
	if _, err := io.ReadFull(body, make([]byte, 1)); err == nil {
		return fmt.Errorf("%w: body is longer than %d bytes", ErrBodyLength, n)
	} else if !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// writeChunked sends every non-empty read of body as one chunk, then the
// last chunk, the trailer fields and the final empty line.
func writeChunked(w io.Writer, body io.Reader, trailer http.Header) error {
	if body != nil {
		buf := make([]byte, 32<<10)
		for {
			n, err := body.Read(buf)
			if n > 0 {
				// A zero-size chunk would end the body, so empty reads send nothing.
				if _, werr := fmt.Fprintf(w, "%x\r\n%s\r\n", n, buf[:n]); werr != nil {
					return werr
				}
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
		}
	}
	var end bytes.Buffer
	end.WriteString("0\r\n")
	writeFields(&end, trailer)
	end.WriteString("\r\n")
	_, err := w.Write(end.Bytes())
	return err
}

// canonical validates h and returns a copy keyed by canonical names, with
// values stripped of surrounding whitespace.
func canonical(h http.Header) (http.Header, error) {
	out := make(http.Header, len(h))
	for name, values := range h {
		if !isToken(name) {
			return nil, fmt.Errorf("%w: name %q", ErrInvalidHeader, name)
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		for _, v := range values {
			if hasCTL(v) {
				return nil, fmt.Errorf("%w: %s value %q", ErrInvalidHeader, key, v)
			}
			out[key] = append(out[key], strings.Trim(v, " \t"))
		}
	}
	return out, nil
}

// writeFields writes one "Name: value" line per value, names sorted.
func writeFields(b *bytes.Buffer, h http.Header) {
	for _, name := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[name] {
			fmt.Fprintf(b, "%s: %s\r\n", name, v)
		}
	}
}

// hasCTL reports whether s holds a control character other than tab.
// CR and LF are the dangerous ones: they would end the line early and let
// the rest of the value be read as another field (response splitting).
func hasCTL(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f })
}

// isToken reports whether s is a non-empty RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		isAlnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !isAlnum && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
