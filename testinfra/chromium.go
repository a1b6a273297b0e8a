package testinfra

import (
	"os"
	"os/exec"
	"testing"
)

// ToolsEnv names the tools CI installed, comma-separated ("protoc,chromium"):
// a test that needs one of them fails instead of skipping when it is missing.
const ToolsEnv = "WORKBOOK_REQUIRE_TOOLS"

// ChromiumFlags are the flags a headless Chromium needs on this kind of
// machine: no sandbox (tests run as root in CI), no GPU, and no background
// networking (the network is closed, and Chromium otherwise retries its
// update, sync and safe-browsing hosts many times a second).
var ChromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync",
}

// Chromium returns the path of a Chromium or Chrome binary for a browser
// test: WORKBOOK_CHROMIUM if set, else the first of chromium,
// chromium-browser, google-chrome on PATH. Without one the test is skipped,
// or fails when WORKBOOK_REQUIRE_TOOLS names chromium.
func Chromium(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("WORKBOOK_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			tb.Fatalf("testinfra: WORKBOOK_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "chromium unavailable (not on PATH): install it (`apt-get install -y chromium`) or set WORKBOOK_CHROMIUM=/path/to/chrome"
	if required(os.Getenv(ToolsEnv), "chromium") {
		tb.Fatalf("%s, and %s requires it", msg, ToolsEnv)
	}
	tb.Skip(msg)
	return ""
}
