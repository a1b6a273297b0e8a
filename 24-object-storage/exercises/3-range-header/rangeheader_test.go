package rangeheader

import (
	"slices"
	"testing"
)

const where = "(edit exercises/3-range-header/rangeheader.go)"

type tc struct {
	header string
	size   int64
	max    int
	want   Response
}

func check(t *testing.T, cases []tc) {
	t.Helper()
	for _, c := range cases {
		got := Evaluate(c.header, c.size, c.max)
		if got.Status != c.want.Status || got.ContentRange != c.want.ContentRange || !slices.Equal(got.Ranges, c.want.Ranges) {
			t.Errorf("Evaluate(%q, %d, %d) = %+v, want %+v %s", c.header, c.size, c.max, got, c.want, where)
		}
	}
}

func ok200() Response { return Response{Status: 200} }

func single(s, e int64, cr string) Response {
	return Response{Status: 206, Ranges: []Range{{s, e}}, ContentRange: cr}
}

func multi(rs ...Range) Response { return Response{Status: 206, Ranges: rs} }

func unsat(cr string) Response { return Response{Status: 416, ContentRange: cr} }

func TestSingleRanges(t *testing.T) {
	check(t, []tc{
		{"bytes=0-3", 10, 5, single(0, 3, "bytes 0-3/10")},
		{"bytes=9-9", 10, 5, single(9, 9, "bytes 9-9/10")},
		{"bytes=0-9", 10, 5, single(0, 9, "bytes 0-9/10")},
		{"bytes=7-", 10, 5, single(7, 9, "bytes 7-9/10")},     // open range
		{"bytes=0-", 10, 5, single(0, 9, "bytes 0-9/10")},     // open from the start
		{"bytes=-3", 10, 5, single(7, 9, "bytes 7-9/10")},     // suffix
		{"bytes=-10", 10, 5, single(0, 9, "bytes 0-9/10")},    // suffix of the whole
		{"bytes=-20", 10, 5, single(0, 9, "bytes 0-9/10")},    // suffix longer than the representation
		{"bytes=8-100", 10, 5, single(8, 9, "bytes 8-9/10")},  // last-pos clipped
		{"bytes=00-01", 10, 5, single(0, 1, "bytes 0-1/10")},  // leading zeros are digits
		{"BYTES=2-3", 10, 5, single(2, 3, "bytes 2-3/10")},    // the unit is case-insensitive
		{"Bytes=\t2-3 ", 10, 5, single(2, 3, "bytes 2-3/10")}, // optional white space
		{"bytes=1-1", 2, 5, single(1, 1, "bytes 1-1/2")},      //
		{"bytes=-1", 1, 5, single(0, 0, "bytes 0-0/1")},       //
		{"bytes=0-0", 1, 5, single(0, 0, "bytes 0-0/1")},      //
		{"bytes=5-9", 1 << 40, 5, single(5, 9, "bytes 5-9/1099511627776")},
		{"bytes=10-15", 100, 5, single(10, 15, "bytes 10-15/100")},
		{"bytes=-25", 100, 5, single(75, 99, "bytes 75-99/100")},
		{"bytes=0-5000000000000000000", 10, 5, single(0, 9, "bytes 0-9/10")}, // a big last-pos is clipped
		{"bytes=-5000000000000000000", 10, 5, single(0, 9, "bytes 0-9/10")},
	})
}

func TestNoRangeOrIgnoredRange(t *testing.T) {
	check(t, []tc{
		{"", 10, 5, ok200()},
		{"items=0-1", 10, 5, ok200()},     // a unit we do not understand: MUST ignore
		{"bytes 0-1", 10, 5, ok200()},     // no "="
		{"bytes=", 10, 5, ok200()},        // no range-spec
		{"bytes=,", 10, 5, ok200()},       //
		{"bytes=5-2", 10, 5, ok200()},     // last-pos before first-pos: invalid
		{"bytes=0-1,5-2", 10, 5, ok200()}, // one invalid spec makes the set invalid
		{"bytes=abc", 10, 5, ok200()},
		{"bytes=1", 10, 5, ok200()},
		{"bytes=-", 10, 5, ok200()},
		{"bytes=--1", 10, 5, ok200()},
		{"bytes=1-2-3", 10, 5, ok200()},
		{"bytes=+1-2", 10, 5, ok200()},
		{"bytes=1-+2", 10, 5, ok200()},
		{"bytes=-+2", 10, 5, ok200()},
		{"bytes=1 -2", 10, 5, ok200()},
		{"bytes=0x1-2", 10, 5, ok200()},
		{"bytes=0-99999999999999999999", 10, 5, ok200()}, // does not fit an int64
		{"bytes=99999999999999999999-", 10, 5, ok200()},
		{"bytes=-99999999999999999999", 10, 5, ok200()},
	})
}

func TestUnsatisfiable(t *testing.T) {
	check(t, []tc{
		{"bytes=10-", 10, 5, unsat("bytes */10")}, // first-pos = length
		{"bytes=10-20", 10, 5, unsat("bytes */10")},
		{"bytes=10-20,12-", 10, 5, unsat("bytes */10")},
		{"bytes=-0", 10, 5, unsat("bytes */10")}, // a zero-length suffix
		{"bytes=-0,10-", 10, 5, unsat("bytes */10")},
		{"bytes=10-,2-3", 10, 5, single(2, 3, "bytes 2-3/10")}, // one satisfiable is enough
		{"bytes=-0,-2", 10, 5, single(8, 9, "bytes 8-9/10")},
		{"bytes=0-", 0, 5, unsat("bytes */0")}, // nothing to start at in an empty representation
		{"bytes=-0", 0, 5, unsat("bytes */0")},
		{"bytes=-5", 0, 5, ok200()}, // satisfiable, but no byte to send: the whole (empty) representation
		{"bytes=1-", 1, 5, unsat("bytes */1")},
	})
}

func TestMultipleRanges(t *testing.T) {
	check(t, []tc{
		{"bytes=0-1,5-6", 10, 5, multi(Range{0, 1}, Range{5, 6})},
		{"bytes=0-1, 5-6 ,\t8-", 10, 5, multi(Range{0, 1}, Range{5, 6}, Range{8, 9})},
		{"bytes=0-1,,5-6,", 10, 5, multi(Range{0, 1}, Range{5, 6})}, // empty list elements
		{"bytes=5-6,0-1", 10, 5, multi(Range{5, 6}, Range{0, 1})},   // the request's order is kept
		{"bytes=-2,0-0", 10, 5, multi(Range{8, 9}, Range{0, 0})},
		{"bytes=0-1,3-4", 10, 5, multi(Range{0, 1}, Range{3, 4})}, // a one-byte gap: not touching
		{"bytes=0-1,20-30,5-6", 10, 5, multi(Range{0, 1}, Range{5, 6})},
	})
}

func TestCoalescing(t *testing.T) {
	check(t, []tc{
		{"bytes=0-3,2-5", 10, 5, single(0, 5, "bytes 0-5/10")}, // overlapping
		{"bytes=0-1,2-3", 10, 5, single(0, 3, "bytes 0-3/10")}, // adjacent
		{"bytes=2-3,0-1", 10, 5, single(0, 3, "bytes 0-3/10")},
		{"bytes=0-0,0-0", 10, 5, single(0, 0, "bytes 0-0/10")}, // the same range twice
		{"bytes=0-9,3-4", 10, 5, single(0, 9, "bytes 0-9/10")}, // one inside another
		{"bytes=3-4,0-9", 10, 5, single(0, 9, "bytes 0-9/10")},
		{"bytes=6-7,0-1,7-8", 10, 5, multi(Range{0, 1}, Range{6, 8})}, // merged, then by start
		{"bytes=8-,-3", 10, 5, single(7, 9, "bytes 7-9/10")},
		{"bytes=5-6,1-2,0-0", 10, 5, multi(Range{0, 2}, Range{5, 6})},
		{"bytes=3-4,0-1", 10, 5, multi(Range{3, 4}, Range{0, 1})},                // a one-byte gap: the order is kept
		{"bytes=0-1,3-4,4-5", 10, 5, multi(Range{0, 1}, Range{3, 5})},            // only the touching pair merges
		{"bytes=20-29,10-19,40-49", 100, 5, multi(Range{10, 29}, Range{40, 49})}, //
		{"bytes=40-49,10-19,30-35", 100, 5, multi(Range{40, 49}, Range{10, 19}, Range{30, 35})},
	})
}

func TestTooManyRanges(t *testing.T) {
	check(t, []tc{
		{"bytes=0-0,2-2,4-4", 10, 3, multi(Range{0, 0}, Range{2, 2}, Range{4, 4})},
		{"bytes=0-0,2-2,4-4,6-6", 10, 3, ok200()},
		{"bytes=0-0,2-2,100-", 10, 2, ok200()},                     // every range-spec counts, satisfiable or not
		{"bytes=0-0,,2-2", 10, 2, multi(Range{0, 0}, Range{2, 2})}, // empty elements do not
		{"bytes=0-1,5-6", 10, 1, ok200()},
		{"bytes=0-1", 10, 1, single(0, 1, "bytes 0-1/10")},
		{"bytes=0-1", 10, 0, single(0, 1, "bytes 0-1/10")}, // below 1 counts as 1
		{"bytes=0-1,5-6", 10, 0, ok200()},
	})
}
