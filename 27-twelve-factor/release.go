package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime/debug"
)

// Factor V: a release is a build plus a config. The manifest names both,
// with the secrets redacted, and hashes them: two releases with the same
// hash run the same code with the same settings.

// buildInfo is what the Go toolchain stamped into the binary.
type buildInfo struct {
	Module    string `json:"module"`
	Version   string `json:"version"`
	GoVersion string `json:"go_version"`
	Revision  string `json:"vcs_revision,omitempty"`
	Time      string `json:"vcs_time,omitempty"`
	Modified  string `json:"vcs_modified,omitempty"`
}

type manifest struct {
	Build  buildInfo         `json:"build"`
	Config map[string]string `json:"config"`
	SHA256 string            `json:"sha256"`
}

// readBuild reads the module version and the VCS stamps. go build adds
// vcs.* by default (-buildvcs=auto) when it runs inside the checkout; go
// run and go test add them only with -buildvcs=true.
func readBuild() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return buildInfo{Module: "unknown", Version: "unknown"}
	}
	b := buildInfo{Module: bi.Main.Path, Version: bi.Main.Version, GoVersion: bi.GoVersion}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value
		}
	}
	return b
}

// newManifest hashes the JSON of build and config. encoding/json writes
// struct fields in declaration order and map keys sorted, so the same
// release always gives the same bytes and the same hash.
func newManifest(b buildInfo, cfg map[string]string) (manifest, error) {
	body, err := json.Marshal(struct {
		Build  buildInfo         `json:"build"`
		Config map[string]string `json:"config"`
	}{b, cfg})
	if err != nil {
		return manifest{}, err
	}
	sum := sha256.Sum256(body)
	return manifest{Build: b, Config: cfg, SHA256: hex.EncodeToString(sum[:])}, nil
}
