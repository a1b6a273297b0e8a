package traceparent

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

const (
	traceHex  = "4bf92f3577b34da6a3ce929d0e0e4736" // the specification's examples
	parentHex = "00f067aa0ba902b7"
)

func ids(t *testing.T, trace, parent string) ([16]byte, [8]byte) {
	t.Helper()
	var tid [16]byte
	var pid [8]byte
	if _, err := hex.Decode(tid[:], []byte(trace)); err != nil {
		t.Fatal(err)
	}
	if _, err := hex.Decode(pid[:], []byte(parent)); err != nil {
		t.Fatal(err)
	}
	return tid, pid
}

// TestParseValid: the specification's examples and what a parser must
// accept besides them.
func TestParseValid(t *testing.T) {
	tid, pid := ids(t, traceHex, parentHex)
	cases := []struct {
		in      string
		want    Traceparent
		sampled bool
	}{
		{"00-" + traceHex + "-" + parentHex + "-01", Traceparent{0, tid, pid, 0x01}, true},
		{"00-" + traceHex + "-" + parentHex + "-00", Traceparent{0, tid, pid, 0x00}, false},
		// Flags are a bit field: 09 is sampled plus an unknown bit, 08 is not sampled.
		{"00-" + traceHex + "-" + parentHex + "-09", Traceparent{0, tid, pid, 0x09}, true},
		{"00-" + traceHex + "-" + parentHex + "-08", Traceparent{0, tid, pid, 0x08}, false},
		{"00-" + traceHex + "-" + parentHex + "-ff", Traceparent{0, tid, pid, 0xff}, true},
		// A higher version is read through its version-00 prefix; the fields
		// after the flags are not interpreted, and only the sampled bit is.
		{"cc-" + traceHex + "-" + parentHex + "-01-what-the-future-will-be-like", Traceparent{0xcc, tid, pid, 0x01}, true},
		{"01-" + traceHex + "-" + parentHex + "-03", Traceparent{0x01, tid, pid, 0x01}, true},
		{"fe-" + traceHex + "-" + parentHex + "-02-x", Traceparent{0xfe, tid, pid, 0x00}, false},
		{"0a-" + traceHex + "-" + parentHex + "-01-", Traceparent{0x0a, tid, pid, 0x01}, true},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v, nil (edit exercises/1-traceparent/traceparent.go)", c.in, got, err, c.want)
			continue
		}
		if got.Sampled() != c.sampled {
			t.Errorf("Parse(%q).Sampled() = %v, want %v", c.in, got.Sampled(), c.sampled)
		}
	}

	// Every hex digit, both ends of each range, in each field.
	for _, v := range []string{
		"00-0123456789abcdef0123456789abcdef-0123456789abcdef-01",
		"00-fedcba9876543210fedcba9876543210-fedcba9876543210-00",
		"00-00000000000000000000000000000001-0000000000000001-00",
		"00-10000000000000000000000000000000-1000000000000000-00",
	} {
		got, err := Parse(v)
		if err != nil {
			t.Errorf("Parse(%q) = %v, want it accepted", v, err)
			continue
		}
		if s, err := Format(got); s != v || err != nil {
			t.Errorf("Format(Parse(%q)) = %q, %v; want the same value back", v, s, err)
		}
	}
}

// TestParseInvalid: each value the specification says to ignore.
func TestParseInvalid(t *testing.T) {
	v := func(version, trace, parent, flags string) string {
		return version + "-" + trace + "-" + parent + "-" + flags
	}
	ok := v("00", traceHex, parentHex, "01")
	cases := map[string]string{
		"empty":                         "",
		"one short":                     ok[:54],
		"version 00 with more fields":   ok + "-what-the-future-will-be-like",
		"version 00 one longer":         ok + "0",
		"version 00 trailing dash":      ok + "-",
		"version ff":                    v("ff", traceHex, parentHex, "01"),
		"version ff future form":        v("ff", traceHex, parentHex, "01") + "-x",
		"uppercase version":             v("0A", traceHex, parentHex, "01"),
		"non-hex version":               v("0g", traceHex, parentHex, "01"),
		"non-hex first version digit":   v("g0", traceHex, parentHex, "01"),
		"uppercase first version digit": v("A0", traceHex, parentHex, "01"),
		"version no dash":               "00_" + ok[3:],
		"future version no dash after":  v("cc", traceHex, parentHex, "01") + ".what",
		"future version short":          v("cc", traceHex, parentHex, "01")[:54],
		"all-zero trace id":             v("00", strings.Repeat("0", 32), parentHex, "01"),
		"all-zero parent id":            v("00", traceHex, strings.Repeat("0", 16), "01"),
		"all-zero trace id, future":     v("cc", strings.Repeat("0", 32), parentHex, "01") + "-x",
		"all-zero parent id, future":    v("cc", traceHex, strings.Repeat("0", 16), "01") + "-x",
		"uppercase trace id":            v("00", strings.ToUpper(traceHex), parentHex, "01"),
		"uppercase parent id":           v("00", traceHex, "00F067AA0BA902B7", "01"),
		"uppercase flags":               v("00", traceHex, parentHex, "0A"),
		"trace id with g":               v("00", traceHex[:31]+"g", parentHex, "01"),
		"trace id with /":               v("00", "/"+traceHex[1:], parentHex, "01"),
		"trace id with :":               v("00", traceHex[:10]+":"+traceHex[11:], parentHex, "01"),
		"trace id with `":               v("00", traceHex[:20]+"`"+traceHex[21:], parentHex, "01"),
		"parent id with g":              v("00", traceHex, parentHex[:15]+"g", "01"),
		"parent id with :":              v("00", traceHex, ":"+parentHex[1:], "01"),
		"flags with g":                  v("00", traceHex, parentHex, "0g"),
		"flags with /":                  v("00", traceHex, parentHex, "/1"),
		"flags with `":                  v("00", traceHex, parentHex, "`1"),
		"trace id dash moved":           "00-" + traceHex[:31] + "-" + traceHex[31:] + parentHex[1:] + "-01",
		"parent id dash moved":          "00-" + traceHex + "-" + parentHex[:15] + "-" + parentHex[15:] + "01",
		"dash replaced":                 "00-" + traceHex + "_" + parentHex + "-01",
		"dash before flags replaced":    "00-" + traceHex + "-" + parentHex + "_01",
		"leading space":                 " " + ok[:54],
	}
	for name, in := range cases {
		got, err := Parse(in)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Parse(%q) = %+v, %v; want ErrInvalid (edit exercises/1-traceparent/traceparent.go)", name, in, got, err)
		}
	}
}

// TestFormat: always version 00, lowercase, the flags as they are; never an
// invalid value.
func TestFormat(t *testing.T) {
	tid, pid := ids(t, traceHex, parentHex)
	cases := []struct {
		in   Traceparent
		want string
	}{
		{Traceparent{0, tid, pid, 0x01}, "00-" + traceHex + "-" + parentHex + "-01"},
		{Traceparent{0, tid, pid, 0x00}, "00-" + traceHex + "-" + parentHex + "-00"},
		{Traceparent{0xcc, tid, pid, 0x01}, "00-" + traceHex + "-" + parentHex + "-01"}, // re-written at the highest version known
		{Traceparent{0, tid, pid, 0xab}, "00-" + traceHex + "-" + parentHex + "-ab"},
	}
	for _, c := range cases {
		if got, err := Format(c.in); got != c.want || err != nil {
			t.Errorf("Format(%+v) = %q, %v; want %q (edit exercises/1-traceparent/traceparent.go)", c.in, got, err, c.want)
		}
	}
	for _, bad := range []Traceparent{{TraceID: tid}, {ParentID: pid}, {}} {
		if got, err := Format(bad); !errors.Is(err, ErrInvalid) || got != "" {
			t.Errorf("Format(%+v) = %q, %v; want \"\", ErrInvalid (an all-zero id)", bad, got, err)
		}
	}
}

// TestSampled masks the bit instead of comparing the whole byte.
func TestSampled(t *testing.T) {
	for flags, want := range map[byte]bool{0x00: false, 0x01: true, 0x02: false, 0x03: true, 0x08: false, 0x09: true, 0xfe: false, 0xff: true} {
		if got := (Traceparent{Flags: flags}).Sampled(); got != want {
			t.Errorf("Traceparent{Flags: %#02x}.Sampled() = %v, want %v (edit exercises/1-traceparent/traceparent.go)", flags, got, want)
		}
	}
}
