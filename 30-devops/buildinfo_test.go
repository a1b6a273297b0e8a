package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	// The text `go version -m` prints is what debug.ParseBuildInfo reads.
	stamped, err := debug.ParseBuildInfo("go\tgo1.26.8\npath\tworkbook/30-devops\nmod\tworkbook/30-devops\t(devel)\t\n" +
		"build\tGOOS=linux\nbuild\tGOARCH=amd64\nbuild\tvcs=git\nbuild\tvcs.revision=aaaabbbbccccddddeeeeffff0000111122223333\n" +
		"build\tvcs.time=2026-11-30T12:00:00Z\nbuild\tvcs.modified=true\n")
	if err != nil {
		t.Fatal(err)
	}
	installed, err := debug.ParseBuildInfo("go\tgo1.26.8\npath\texample.com/tool\nmod\texample.com/tool\tv1.4.2\th1:abc=\n")
	if err != nil {
		t.Fatal(err)
	}
	// ParseBuildInfo skips the go line (its doc says so): set it here.
	stamped.GoVersion, installed.GoVersion = "go1.26.8", "go1.26.8"
	yes := true
	for _, tc := range []struct {
		name                string
		version, commit, at string
		bi                  *debug.BuildInfo
		ok                  bool
		want                buildInfo
	}{
		{"-X wins over vcs", "1.0.0", "cafe", "2026-12-01T00:00:00Z", stamped, true,
			buildInfo{Version: "1.0.0", Commit: "cafe", BuildTime: "2026-12-01T00:00:00Z", GoVersion: "go1.26.8", Module: "workbook/30-devops", Platform: "linux/amd64", VCSTime: "2026-11-30T12:00:00Z", VCSModified: &yes}},
		{"vcs fills the gaps", "dev", "", "", stamped, true,
			buildInfo{Version: "dev", Commit: "aaaabbbbccccddddeeeeffff0000111122223333", GoVersion: "go1.26.8", Module: "workbook/30-devops", Platform: "linux/amd64", VCSTime: "2026-11-30T12:00:00Z", VCSModified: &yes}},
		{"go install records the module version", "dev", "", "", installed, true,
			buildInfo{Version: "v1.4.2", GoVersion: "go1.26.8", Module: "example.com/tool"}},
		{"-X version beats the module version", "2.0.0", "", "", installed, true,
			buildInfo{Version: "2.0.0", GoVersion: "go1.26.8", Module: "example.com/tool"}},
		{"no build info", "dev", "", "", nil, false, buildInfo{Version: "dev", GoVersion: runtime.Version()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := describeBuild(tc.version, tc.commit, tc.at, tc.bi, tc.ok)
			if (got.VCSModified == nil) != (tc.want.VCSModified == nil) || got.VCSModified != nil && *got.VCSModified != *tc.want.VCSModified {
				t.Errorf("vcsModified = %v, want %v", got.VCSModified, tc.want.VCSModified)
			}
			got.VCSModified, tc.want.VCSModified = nil, nil
			if got != tc.want {
				t.Errorf("describeBuild = %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
