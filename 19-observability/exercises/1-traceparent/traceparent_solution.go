//go:build solution

package traceparent

import "fmt"

// length is the size of a version-00 value: 2 + 1 + 32 + 1 + 16 + 1 + 2.
const length = 55

// Parse reads a traceparent header value as the W3C Trace Context
// specification says: version 00 exactly, higher versions by their 00
// prefix, anything else invalid.
func Parse(s string) (Traceparent, error) {
	var t Traceparent
	if len(s) < length {
		return t, fmt.Errorf("%w: %d characters, want at least %d", ErrInvalid, len(s), length)
	}
	var version, flags [1]byte
	if !decodeHex(version[:], s[0:2]) || s[2] != '-' {
		return t, fmt.Errorf("%w: version is not two lowercase hex digits and a dash", ErrInvalid)
	}
	t.Version = version[0]
	switch {
	case t.Version == 0xff:
		return t, fmt.Errorf("%w: version ff is forbidden", ErrInvalid)
	case t.Version == 0 && len(s) != length:
		return t, fmt.Errorf("%w: version 00 is exactly %d characters", ErrInvalid, length)
	case len(s) > length && s[length] != '-':
		return t, fmt.Errorf("%w: flags are not followed by a dash or the end", ErrInvalid)
	}
	if s[35] != '-' || s[52] != '-' {
		return t, fmt.Errorf("%w: dashes must be at 2, 35 and 52", ErrInvalid)
	}
	if !decodeHex(t.TraceID[:], s[3:35]) || !decodeHex(t.ParentID[:], s[36:52]) || !decodeHex(flags[:], s[53:55]) {
		return t, fmt.Errorf("%w: ids and flags must be lowercase hex", ErrInvalid)
	}
	if zero(t.TraceID[:]) || zero(t.ParentID[:]) {
		return t, fmt.Errorf("%w: an all-zero id", ErrInvalid)
	}
	t.Flags = flags[0]
	if t.Version != 0 {
		// Only the sampled bit is defined for a version we do not know.
		t.Flags &= FlagSampled
	}
	return t, nil
}

// Format writes t as a version-00 traceparent value.
func Format(t Traceparent) (string, error) {
	if zero(t.TraceID[:]) || zero(t.ParentID[:]) {
		return "", fmt.Errorf("%w: an all-zero id", ErrInvalid)
	}
	return fmt.Sprintf("00-%x-%x-%02x", t.TraceID, t.ParentID, t.Flags), nil
}

// Sampled reports whether the caller may have recorded this trace.
func (t Traceparent) Sampled() bool { return t.Flags&FlagSampled != 0 }

// decodeHex fills dst from src, two lowercase hex digits a byte. It
// reports false for a wrong length or any other character (encoding/hex
// would accept uppercase, which the specification's HEXDIGLC does not).
func decodeHex(dst []byte, src string) bool {
	if len(src) != 2*len(dst) {
		return false
	}
	for i := range dst {
		hi, ok1 := nibble(src[2*i])
		lo, ok2 := nibble(src[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func nibble(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func zero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
