//go:build solution

package rangeheader

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// spec is one parsed range-spec: first-last, first- (last = -1) or
// -suffix (first = -1).
type spec struct{ first, last int64 }

// Evaluate decides the response to a GET of a representation of size
// bytes carrying the Range header value header, allowing at most
// maxRanges range-specs.
func Evaluate(header string, size int64, maxRanges int) Response {
	whole := Response{Status: 200}
	unit, set, ok := strings.Cut(header, "=")
	if !ok || !strings.EqualFold(unit, "bytes") {
		return whole // no Range, a unit we do not know, or no "=": ignored
	}
	specs, ok := parseSet(set)
	if !ok || len(specs) > max(maxRanges, 1) {
		return whole // invalid, or more ranges than we serve: ignored
	}
	var ranges []Range
	satisfiable := false
	for _, s := range specs {
		switch {
		case s.first < 0 && s.last > 0: // a suffix of non-zero length
			satisfiable = true
			if size > 0 {
				ranges = append(ranges, Range{max(size-s.last, 0), size - 1})
			}
		case s.first >= 0 && s.first < size:
			satisfiable = true
			end := size - 1
			if s.last >= 0 && s.last < end {
				end = s.last
			}
			ranges = append(ranges, Range{s.first, end})
		}
	}
	if !satisfiable {
		return Response{Status: 416, ContentRange: fmt.Sprintf("bytes */%d", size)}
	}
	if len(ranges) == 0 {
		return whole // satisfiable, but the representation is empty
	}
	ranges = coalesce(ranges)
	if len(ranges) == 1 {
		r := ranges[0]
		return Response{Status: 206, Ranges: ranges, ContentRange: fmt.Sprintf("bytes %d-%d/%d", r.Start, r.End, size)}
	}
	return Response{Status: 206, Ranges: ranges}
}

// parseSet parses a range-set: comma-separated range-specs with optional
// white space around each, empty elements ignored; false if any is invalid.
func parseSet(set string) ([]spec, bool) {
	var out []spec
	for elem := range strings.SplitSeq(set, ",") {
		elem = strings.Trim(elem, " \t")
		if elem == "" {
			continue
		}
		first, last, ok := strings.Cut(elem, "-")
		if !ok {
			return nil, false
		}
		s := spec{first: -1, last: -1}
		var okF, okL bool
		switch {
		case first == "": // -suffix
			s.last, okL = digits(last)
			okF = true
		case last == "": // first-
			s.first, okF = digits(first)
			okL = true
		default:
			s.first, okF = digits(first)
			s.last, okL = digits(last)
			okL = okL && s.last >= s.first
		}
		if !okF || !okL {
			return nil, false
		}
		out = append(out, s)
	}
	return out, len(out) > 0
}

// digits parses 1*DIGIT into an int64.
func digits(s string) (int64, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// coalesce keeps the request's order unless two ranges overlap or touch;
// then it merges every such pair and returns the ranges by start.
func coalesce(rs []Range) []Range {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b Range) int { return cmp.Compare(a.Start, b.Start) })
	merge := false
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Start <= sorted[i-1].End+1 {
			merge = true
		}
	}
	if !merge {
		return rs
	}
	out := []Range{sorted[0]}
	for _, r := range sorted[1:] {
		last := &out[len(out)-1]
		if r.Start <= last.End+1 {
			last.End = max(last.End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}
