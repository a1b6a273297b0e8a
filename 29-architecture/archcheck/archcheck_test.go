package archcheck

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"net/http", "net/http", true},
		{"net/http", "net/http/httptrace", true},
		{"net/http", "net/httpx", false},
		{"github.com/jackc/", "github.com/jackc/pgx/v5", true},
		{"github.com/jackc/", "github.com/jack", false},
		{"a/b", "a", false},
	} {
		if got := Matches(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Matches(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

// TestCheckCatchesAViolation runs the checker on a module whose inner layer
// imports its outer one: the check must see the direct import and the
// transitive one, with the chain that reaches it.
func TestCheckCatchesAViolation(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; go/packages needs it")
	}
	rules := []Rule{
		{From: "badlayers/core", Forbid: []string{"badlayers/web", "net/http"}, Why: "core must not know the web"},
		{From: "badlayers/format", Forbid: []string{"badlayers/web", "net/http"}, Why: "format must not know the web"},
	}
	// GOWORK=off: the testdata module is not in the workspace.
	got, err := Check("testdata/badlayers", []string{"./..."}, rules, "GOWORK=off")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, v := range got {
		lines = append(lines, v.String())
	}
	want := []string{
		"badlayers/core → badlayers/web: core must not know the web",
		"badlayers/core → badlayers/web → net/http: core must not know the web",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Check found\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckRefusesWhatItCannotLoad(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; go/packages needs it")
	}
	if _, err := Check("testdata/badlayers", []string{"./nosuch"}, nil, "GOWORK=off"); err == nil {
		t.Error("Check of a package that does not exist passed; want an error")
	}
}
