//go:build solution

package negotiate

import (
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	segment = regexp.MustCompile(`^/v([0-9]+)(/.*)?$`)
	number  = regexp.MustCompile(`^v?(0|[1-9][0-9]{0,5})$`)
	vendor  = regexp.MustCompile(`^application/vnd\.workbook\.v([0-9]{1,6})\+json$`)
	// qvalue is RFC 9110 section 12.4.2: 0 to 1, at most three decimals.
	qvalue = regexp.MustCompile(`^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$`)
)

// Negotiate picks the API version of r: the first source that names a
// version decides, and lower sources are not even looked at.
func Negotiate(r *http.Request, supported []int, def int) (Result, error) {
	path := r.URL.Path
	if m := segment.FindStringSubmatch(path); m != nil {
		v, err := check(m[1], supported)
		rest := m[2]
		if rest == "" {
			rest = "/"
		}
		return Result{Version: v, Source: SourcePath, Path: rest}, err
	}
	if vals, ok := r.URL.Query()["version"]; ok {
		v, err := check(vals[0], supported)
		return Result{Version: v, Source: SourceQuery, Path: path}, err
	}
	if h, ok := r.Header["Api-Version"]; ok {
		v, err := check(h[0], supported)
		return Result{Version: v, Source: SourceHeader, Path: path}, err
	}
	if v, found, err := fromAccept(r.Header.Values("Accept"), supported); found {
		return Result{Version: v, Source: SourceAccept, Path: path}, err
	}
	return Result{Version: def, Source: SourceDefault, Path: path}, nil
}

func check(s string, supported []int) (int, error) {
	m := number.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%w: %q", ErrMalformed, s)
	}
	v, _ := strconv.Atoi(m[1])
	if !slices.Contains(supported, v) {
		return 0, fmt.Errorf("%w: %d (supported: %v)", ErrUnsupported, v, supported)
	}
	return v, nil
}

// fromAccept returns the supported vendor version with the highest q
// (the earliest on a tie); found reports whether Accept named any vendor
// version at all.
func fromAccept(accept []string, supported []int) (v int, found bool, err error) {
	bestQ := -1.0
	for _, part := range strings.Split(strings.Join(accept, ","), ",") {
		mt, params, perr := mime.ParseMediaType(strings.TrimSpace(part))
		if perr != nil {
			continue
		}
		m := vendor.FindStringSubmatch(mt)
		if m == nil {
			continue
		}
		q := 1.0
		if qs, ok := params["q"]; ok {
			if !qvalue.MatchString(qs) {
				continue // not a qvalue: ignore this media range
			}
			q, _ = strconv.ParseFloat(qs, 64)
		}
		if q <= 0 {
			continue // q=0 means "not this one"
		}
		found = true
		n, _ := strconv.Atoi(m[1])
		if slices.Contains(supported, n) && q > bestQ {
			v, bestQ = n, q
		}
	}
	if found && bestQ < 0 {
		return 0, true, fmt.Errorf("%w: %v", ErrNotAcceptable, accept)
	}
	return v, found, nil
}
