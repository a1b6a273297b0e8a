package main

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// errNegotiation carries the status a failed negotiation answers with.
type errNegotiation struct {
	status  int
	message string
}

func (e *errNegotiation) Error() string { return e.message }

// responseCodec picks the response format: ?format= wins (handy in a
// browser and in curl), then the Accept header with its q-values, then
// JSON when the client expressed no preference.
func responseCodec(r *http.Request) (*codec, error) {
	if name := r.URL.Query().Get("format"); name != "" {
		if c := codecByName(name); c != nil {
			return c, nil
		}
		return nil, &errNegotiation{http.StatusBadRequest,
			fmt.Sprintf("format %q is not one of %s", name, formatNames())}
	}
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		return codecs[0], nil
	}
	if c := negotiate(accept); c != nil {
		return c, nil
	}
	return nil, &errNegotiation{http.StatusNotAcceptable,
		fmt.Sprintf("none of Accept: %s is available; this resource speaks %s", accept, mediaTypes())}
}

// negotiate returns the codec the Accept header prefers most (RFC 9110
// §12.5.1), nil when it accepts none. Each codec gets the q-value of the
// most specific range that matches it (exact type beats type/* beats */*),
// so "application/json;q=0, */*" means "anything but JSON". Ties go to the
// earlier codec in codecs. Malformed ranges are skipped.
func negotiate(accept string) *codec {
	type rng struct {
		mediaType string
		q         float64
	}
	var ranges []rng
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		ranges = append(ranges, rng{mt, q})
	}
	var best *codec
	bestQ := 0.0
	for _, c := range codecs {
		spec, q := -1, 0.0
		for _, r := range ranges {
			s := specificity(r.mediaType, c)
			if s > spec || (s == spec && r.q > q) {
				spec, q = s, r.q
			}
		}
		if spec >= 0 && q > bestQ {
			best, bestQ = c, q
		}
	}
	return best
}

// specificity is how precisely mediaRange names c: 2 for its exact type,
// 1 for type/*, 0 for */*, -1 when it does not match at all.
func specificity(mediaRange string, c *codec) int {
	if mediaRange == "*/*" {
		return 0
	}
	all := append([]string{c.mediaType}, c.aliases...)
	for _, mt := range all {
		if mt == mediaRange {
			return 2
		}
	}
	if prefix, ok := strings.CutSuffix(mediaRange, "*"); ok && strings.HasSuffix(prefix, "/") {
		for _, mt := range all {
			if strings.HasPrefix(mt, prefix) {
				return 1
			}
		}
	}
	return -1
}

// requestCodec picks the decoder from Content-Type.
func requestCodec(r *http.Request) (*codec, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, &errNegotiation{http.StatusUnsupportedMediaType,
			fmt.Sprintf("Content-Type %q is missing or malformed; send one of %s", ct, mediaTypes())}
	}
	if c := codecByMediaType(mt); c != nil {
		return c, nil
	}
	return nil, &errNegotiation{http.StatusUnsupportedMediaType,
		fmt.Sprintf("Content-Type %s is not supported; send one of %s", mt, mediaTypes())}
}

func formatNames() string {
	names := make([]string, 0, len(codecs))
	for _, c := range codecs {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

func mediaTypes() string {
	types := make([]string, 0, len(codecs))
	for _, c := range codecs {
		types = append(types, c.mediaType)
	}
	return strings.Join(types, ", ")
}
