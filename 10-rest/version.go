package main

import (
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Supported API versions and the default for requests that name none.
// The default is a pinned number, not "latest": a client that never chose a
// version must not change behaviour the day version 3 ships.
var supportedVersions = []int{1, 2}

const defaultVersion = 2

func supported(v int) bool { return v == 1 || v == 2 }

// Where a version came from. The order of these constants is the
// PRECEDENCE: when a request names a version in several places, the first
// in this list wins.
//
//  1. URL path    /v1/articles          (part of the resource's address)
//  2. query       ?version=1            (explicit in the link being followed)
//  3. header      API-Version: 1        (set per client, often by an SDK)
//  4. media type  Accept: application/vnd.workbook.v1+json
//  5. default     2
const (
	sourcePath    = "path"
	sourceQuery   = "query"
	sourceHeader  = "header"
	sourceAccept  = "accept"
	sourceDefault = "default"
)

var (
	pathVersion   = regexp.MustCompile(`^/v([0-9]+)(/|$)`)
	vendorVersion = regexp.MustCompile(`^application/vnd\.workbook\.v([0-9]+)\+json$`)
)

// negotiateVersion picks the API version of a request by the precedence
// above and returns it with its source. A malformed or unsupported version
// is a problem: 404 for a path (no such resource), 406 for Accept, 400 for
// the query and header.
func negotiateVersion(r *http.Request) (int, string, *problemDetails) {
	if m := pathVersion.FindStringSubmatch(r.URL.Path); m != nil {
		v, err := strconv.Atoi(m[1])
		if err != nil || !supported(v) {
			p := newProblem("not-found", fmt.Sprintf("API version %s does not exist", m[1]))
			p.SupportedVersions = supportedVersions
			return 0, sourcePath, p
		}
		return v, sourcePath, nil
	}
	if q, ok := r.URL.Query()["version"]; ok {
		return parseVersion(q[0], sourceQuery, "?version=")
	}
	if h := r.Header.Get("API-Version"); h != "" {
		return parseVersion(h, sourceHeader, "API-Version")
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || params["q"] == "0" {
			continue
		}
		if m := vendorVersion.FindStringSubmatch(mt); m != nil {
			v, err := strconv.Atoi(m[1])
			if err != nil || !supported(v) {
				p := newProblem("not-acceptable", fmt.Sprintf("cannot produce %s", mt))
				p.SupportedVersions = supportedVersions
				return 0, sourceAccept, p
			}
			return v, sourceAccept, nil
		}
	}
	return defaultVersion, sourceDefault, nil
}

func parseVersion(s, source, where string) (int, string, *problemDetails) {
	v, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(s), "v"))
	if err != nil || !supported(v) {
		p := newProblem("unsupported-version", fmt.Sprintf("%s %q is not a supported version", where, s))
		p.SupportedVersions = supportedVersions
		return 0, source, p
	}
	return v, source, nil
}

// versioned routes every request under /articles or /profiles to a
// versioned URL: a request already under /vN is served as is; any other is
// negotiated and internally rewritten to /vN/... The chosen version is
// echoed in API-Version, and unversioned URLs say Vary so caches keep one
// copy per version.
func versioned(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || strings.HasPrefix(r.URL.Path, "/problems/") {
			next.ServeHTTP(w, r) // version-independent documents
			return
		}
		v, source, p := negotiateVersion(r)
		if p != nil {
			writeProblem(w, r, log, p)
			return
		}
		w.Header().Set("API-Version", strconv.Itoa(v))
		if source != sourcePath {
			w.Header().Add("Vary", "Accept, API-Version")
			r2 := r.Clone(r.Context())
			r2.URL.Path = fmt.Sprintf("/v%d%s", v, r.URL.Path)
			r2.URL.RawPath = ""
			r = r2
		}
		if source == sourceAccept {
			w.Header().Set("Content-Type", fmt.Sprintf("application/vnd.workbook.v%d+json", v))
		}
		next.ServeHTTP(w, r)
	})
}
