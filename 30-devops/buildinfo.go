package main

import (
	"runtime"
	"runtime/debug"
	"strconv"
)

// Stamped at link time; the Dockerfile and the CI workflow pass them as
//
//	go build -ldflags "-X main.version=1.4.0 -X main.commit=$(git rev-parse HEAD) -X main.buildTime=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
//
// -X can only set a package-level string variable that is not initialised
// by a function call, so these are plain string literals.
var (
	version   = "dev"
	commit    = ""
	buildTime = ""
)

// buildInfo is the body of GET /version: what was deployed, so an alert or
// a bug report can name the exact build.
type buildInfo struct {
	Version     string `json:"version"`
	Commit      string `json:"commit"`
	BuildTime   string `json:"buildTime"`
	GoVersion   string `json:"goVersion"`
	Module      string `json:"module"`
	Platform    string `json:"platform"`
	VCSTime     string `json:"vcsTime,omitempty"`
	VCSModified *bool  `json:"vcsModified"` // null: the build did not record it (-buildvcs=false, no .git)
}

// currentBuild reads this binary's own build.
func currentBuild() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	return describeBuild(version, commit, buildTime, bi, ok)
}

// describeBuild merges what the linker was told (-X) with what the go
// command recorded by itself (debug.BuildInfo): the -X values win, because
// a release pipeline sets them on purpose; the build info fills the gaps,
// so even a plain `go build` in a git checkout says which commit it is.
func describeBuild(ldVersion, ldCommit, ldTime string, bi *debug.BuildInfo, ok bool) buildInfo {
	out := buildInfo{Version: ldVersion, Commit: ldCommit, BuildTime: ldTime, GoVersion: runtime.Version()}
	if !ok {
		return out
	}
	out.GoVersion = bi.GoVersion
	out.Module = bi.Main.Path
	// `go install module@v1.2.3` records the module version; a build
	// inside the checkout records "(devel)", which says nothing.
	if out.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		out.Version = bi.Main.Version
	}
	var goos, goarch string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if out.Commit == "" {
				out.Commit = s.Value
			}
		case "vcs.time":
			out.VCSTime = s.Value
		case "vcs.modified":
			if m, err := strconv.ParseBool(s.Value); err == nil {
				out.VCSModified = &m
			}
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	if goos != "" {
		out.Platform = goos + "/" + goarch
	}
	return out
}
