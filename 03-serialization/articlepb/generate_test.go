package articlepb

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedCodeIsFresh regenerates article.pb.go into a temporary
// directory with protoc and the pinned protoc-gen-go, and fails when the
// committed file differs: someone edited article.proto without running
// `go generate`. The header line naming the protoc version is ignored, so
// a different protoc release with the same output still passes.
//
// Without protoc on PATH the test skips, unless WORKBOOK_REQUIRE_TOOLS
// names protoc (CI sets it), in which case it fails.
func TestGeneratedCodeIsFresh(t *testing.T) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		if strings.Contains(os.Getenv("WORKBOOK_REQUIRE_TOOLS"), "protoc") {
			t.Fatal("protoc is not on PATH and WORKBOOK_REQUIRE_TOOLS names it; install protobuf-compiler")
		}
		t.Skip("protoc not on PATH: install protobuf-compiler to check article.pb.go is fresh")
	}
	out, err := exec.Command("go", "tool", "-n", "protoc-gen-go").Output()
	if err != nil {
		t.Fatalf("go tool -n protoc-gen-go: %v (is the tool directive in go.mod?)", err)
	}
	plugin := strings.TrimSpace(string(out))

	dir := t.TempDir()
	cmd := exec.Command(protoc, "--plugin=protoc-gen-go="+plugin,
		"--go_out="+dir, "--go_opt=paths=source_relative", "article.proto")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("protoc: %v\n%s", err, msg)
	}
	fresh, err := os.ReadFile(filepath.Join(dir, "article.pb.go"))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("article.pb.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(withoutProtocVersion(fresh), withoutProtocVersion(committed)) {
		t.Errorf("article.pb.go is stale: run `go generate ./articlepb` in 03-serialization and commit the result")
	}
}

// withoutProtocVersion drops the "// \tprotoc vX.Y.Z" header line.
func withoutProtocVersion(src []byte) []byte {
	var keep [][]byte
	for _, line := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("// \tprotoc ")) {
			continue
		}
		keep = append(keep, line)
	}
	return bytes.Join(keep, []byte("\n"))
}
