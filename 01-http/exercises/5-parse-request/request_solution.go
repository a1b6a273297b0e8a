//go:build solution

package parserequest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// ReadRequest reads one HTTP/1.1 (or 1.0) request from br, within lim,
// leaving br positioned at the first byte after it, so that the next call
// reads the next request on the same connection.
//
// It returns io.EOF when br ends before the request starts (the client
// closed an idle connection) and io.ErrUnexpectedEOF when it ends inside one.
func ReadRequest(br *bufio.Reader, lim Limits) (*Request, error) {
	lim = lim.withDefaults()

	line, err := readLine(br, lim.MaxLineBytes)
	if err == nil && line == "" {
		// RFC 9112 §2.2: ignore an empty line before the request line (a
		// leftover CRLF some old clients send after a POST body).
		line, err = readLine(br, lim.MaxLineBytes)
	}
	if errors.Is(err, errLineTooLong) {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrRequestLineTooLong, lim.MaxLineBytes)
	}
	if err != nil {
		return nil, err // io.EOF: no request at all
	}
	req := &Request{}
	if req.Method, req.Target, req.Proto, err = parseRequestLine(line); err != nil {
		return nil, err
	}

	if req.Header, err = readFields(br, lim); err != nil {
		return nil, err
	}
	// RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host; none has two.
	if hosts := req.Header["Host"]; len(hosts) > 1 || len(hosts) == 0 && req.Proto == "HTTP/1.1" {
		return nil, fmt.Errorf("%w: %d Host fields", ErrBadHost, len(hosts))
	}

	// RFC 9112 §6.3: how long is the body? Getting this wrong in a proxy or
	// a server is how request smuggling happens, so anything ambiguous is refused.
	te, hasTE := req.Header["Transfer-Encoding"]
	cl, hasCL := req.Header["Content-Length"]
	switch {
	case hasTE && hasCL:
		return nil, ErrConflictingFraming
	case hasTE:
		if req.Proto == "HTTP/1.0" {
			return nil, fmt.Errorf("%w: HTTP/1.0 has no transfer codings", ErrUnsupportedTransferEncoding)
		}
		if !onlyChunked(te) {
			return nil, fmt.Errorf("%w: %q", ErrUnsupportedTransferEncoding, strings.Join(te, ", "))
		}
		if req.Body, req.Trailer, err = readChunked(br, lim); err != nil {
			return nil, err
		}
	case hasCL:
		n, err := parseContentLength(cl)
		if err != nil {
			return nil, err
		}
		if n > lim.MaxBodyBytes {
			return nil, fmt.Errorf("%w: Content-Length %d is over %d", ErrBodyTooLarge, n, lim.MaxBodyBytes)
		}
		req.Body = make([]byte, n)
		if _, err := io.ReadFull(br, req.Body); err != nil {
			return nil, unexpected(err)
		}
	}
	return req, nil
}

// withDefaults fills zero (or negative) limits from DefaultLimits.
func (l Limits) withDefaults() Limits {
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = DefaultLimits.MaxLineBytes
	}
	if l.MaxHeaderCount <= 0 {
		l.MaxHeaderCount = DefaultLimits.MaxHeaderCount
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultLimits.MaxHeaderBytes
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = DefaultLimits.MaxBodyBytes
	}
	return l
}

// errLineTooLong is readLine's report of a line over its limit; callers
// translate it into the error for the part of the request being read.
var errLineTooLong = errors.New("line too long")

// readLine reads a line ending in CRLF or a bare LF and returns it without
// the ending. It never buffers much more than max bytes, whatever the peer
// sends. At EOF it returns io.EOF if nothing was read, io.ErrUnexpectedEOF if
// a partial line was.
func readLine(br *bufio.Reader, max int) (string, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		line = append(line, frag...)
		if len(line) > max+2 { // room for the content and CRLF
			return "", errLineTooLong
		}
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // a long line: keep reading it, bounded by the check above
		}
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return "", io.EOF
		}
		return "", unexpected(err)
	}
	line = bytes.TrimSuffix(line[:len(line)-1], []byte("\r"))
	if len(line) > max {
		return "", errLineTooLong
	}
	return string(line), nil
}

// parseRequestLine splits "METHOD SP target SP HTTP/x.y" (RFC 9112 §3).
func parseRequestLine(line string) (method, target, proto string, err error) {
	parts := strings.Split(line, " ")
	if len(parts) != 3 {
		return "", "", "", fmt.Errorf("%w: %q is not three parts separated by single spaces", ErrMalformedRequestLine, line)
	}
	method, target, proto = parts[0], parts[1], parts[2]
	if !isToken(method) {
		return "", "", "", fmt.Errorf("%w: method %q", ErrMalformedRequestLine, method)
	}
	if target == "" || strings.ContainsFunc(target, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
		return "", "", "", fmt.Errorf("%w: request target %q", ErrMalformedRequestLine, target)
	}
	// HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive.
	if len(proto) != 8 || !strings.HasPrefix(proto, "HTTP/") || !isDigit(proto[5]) || proto[6] != '.' || !isDigit(proto[7]) {
		return "", "", "", fmt.Errorf("%w: version %q", ErrMalformedRequestLine, proto)
	}
	if proto != "HTTP/1.1" && proto != "HTTP/1.0" {
		return "", "", "", fmt.Errorf("%w: %s", ErrUnsupportedVersion, proto)
	}
	return method, target, proto, nil
}

// readFields reads field lines up to and including the empty line that
// ends them: the header section, or the trailer section of a chunked body.
func readFields(br *bufio.Reader, lim Limits) (http.Header, error) {
	h := http.Header{}
	var count, size int
	for {
		line, err := readLine(br, lim.MaxLineBytes)
		if errors.Is(err, errLineTooLong) {
			return nil, fmt.Errorf("%w: a field line is longer than %d bytes", ErrHeaderTooLarge, lim.MaxLineBytes)
		}
		if err != nil {
			return nil, unexpected(err)
		}
		if line == "" {
			return h, nil
		}
		if size += len(line) + 2; size > lim.MaxHeaderBytes {
			return nil, fmt.Errorf("%w: over %d bytes", ErrHeaderTooLarge, lim.MaxHeaderBytes)
		}
		if count++; count > lim.MaxHeaderCount {
			return nil, fmt.Errorf("%w: over %d", ErrTooManyHeaders, lim.MaxHeaderCount)
		}
		// RFC 9112 §5.2: a line starting with whitespace continues the previous
		// one (obs-fold). Servers must reject or unfold it; we reject.
		if line[0] == ' ' || line[0] == '\t' {
			return nil, fmt.Errorf("%w: %q", ErrObsFold, line)
		}
		name, value, ok := strings.Cut(line, ":")
		// A space before the colon makes the name invalid (RFC 9112 §5.1): some
		// servers would strip it and some proxies would not, so it must be refused.
		if !ok || !isToken(name) {
			return nil, fmt.Errorf("%w: %q", ErrMalformedHeader, line)
		}
		value = strings.Trim(value, " \t")
		if strings.ContainsFunc(value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }) {
			return nil, fmt.Errorf("%w: control character in %s value", ErrMalformedHeader, name)
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		h[key] = append(h[key], value)
	}
}

// parseContentLength accepts one decimal length, possibly repeated (in
// several fields or as a list) with the same value (RFC 9110 §8.6).
func parseContentLength(values []string) (int64, error) {
	n := int64(-1)
	for _, v := range values {
		for elem := range strings.SplitSeq(v, ",") {
			elem = strings.Trim(elem, " \t")
			if elem == "" || strings.ContainsFunc(elem, func(r rune) bool { return r < '0' || r > '9' }) {
				return 0, fmt.Errorf("%w: %q", ErrInvalidContentLength, v)
			}
			m, err := strconv.ParseInt(elem, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%w: %q", ErrInvalidContentLength, v)
			}
			if n >= 0 && m != n {
				return 0, fmt.Errorf("%w: %d and %d disagree", ErrInvalidContentLength, n, m)
			}
			n = m
		}
	}
	return n, nil
}

// onlyChunked reports whether the Transfer-Encoding values name exactly
// one coding, chunked (case-insensitive). Anything else — other codings,
// chunked twice, chunked not last — is refused.
func onlyChunked(values []string) bool {
	var codings []string
	for _, v := range values {
		for elem := range strings.SplitSeq(v, ",") {
			if elem = strings.Trim(elem, " \t"); elem != "" {
				codings = append(codings, elem)
			}
		}
	}
	return len(codings) == 1 && strings.EqualFold(codings[0], "chunked")
}

// readChunked decodes a chunked body (RFC 9112 §7.1):
//
//	chunk-size [ ";" extensions ] CRLF
//	chunk-data CRLF
//	… repeated, until a chunk of size 0, then trailer fields and CRLF.
func readChunked(br *bufio.Reader, lim Limits) ([]byte, http.Header, error) {
	var body []byte
	for {
		line, err := readLine(br, lim.MaxLineBytes)
		if errors.Is(err, errLineTooLong) {
			return nil, nil, fmt.Errorf("%w: chunk-size line over %d bytes", ErrMalformedChunk, lim.MaxLineBytes)
		}
		if err != nil {
			return nil, nil, unexpected(err)
		}
		size, err := parseChunkSize(line)
		if err != nil {
			return nil, nil, err
		}
		if size == 0 {
			break
		}
		if size > lim.MaxBodyBytes-int64(len(body)) {
			return nil, nil, fmt.Errorf("%w: chunks add up to more than %d bytes", ErrBodyTooLarge, lim.MaxBodyBytes)
		}
		start := len(body)
		body = append(body, make([]byte, size)...)
		if _, err := io.ReadFull(br, body[start:]); err != nil {
			return nil, nil, unexpected(err)
		}
		// The data must end exactly where the size said: next comes CRLF.
		if rest, err := readLine(br, 0); errors.Is(err, errLineTooLong) || err == nil && rest != "" {
			return nil, nil, fmt.Errorf("%w: chunk data longer than its size %d", ErrMalformedChunk, size)
		} else if err != nil {
			return nil, nil, unexpected(err)
		}
	}
	trailer, err := readFields(br, lim)
	if err != nil {
		return nil, nil, err
	}
	if len(trailer) == 0 {
		trailer = nil
	}
	return body, trailer, nil
}

// parseChunkSize reads the hex size at the start of a chunk-size line,
// ignoring any chunk extensions after ";".
func parseChunkSize(line string) (int64, error) {
	hex, _, _ := strings.Cut(line, ";")
	hex = strings.TrimRight(hex, " \t") // whitespace is allowed only before ";"
	valid := hex != "" && !strings.ContainsFunc(hex, func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F')
	})
	if !valid || strings.ContainsRune(line, '\r') {
		return 0, fmt.Errorf("%w: chunk-size line %q", ErrMalformedChunk, line)
	}
	size, err := strconv.ParseInt(hex, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: chunk size %q overflows", ErrMalformedChunk, hex)
	}
	return size, nil
}

// unexpected turns io.EOF in the middle of a request into io.ErrUnexpectedEOF.
func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isToken reports whether s is a non-empty RFC 9110 token: the characters
// allowed in methods and field names.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
