package depcheck

import (
	"fmt"
	"os/exec"
	"slices"
	"testing"
)

const file = "(edit exercises/2-depcheck/depcheck.go)"

func needGo(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; go/packages runs it")
	}
}

func show(vs []Violation) string {
	s := ""
	for _, v := range vs {
		s += fmt.Sprintf("\n\t%s:%d: %s imports %s", v.File, v.Line, v.Package, v.Import)
	}
	if s == "" {
		return " none"
	}
	return s
}

var shopRules = []Rule{
	{From: "shop/service", Deny: []string{"net/http", "shop/web/...", "database/sql"}},
	{From: "shop/adapters/...", Deny: []string{"shop/service", "shop/web/..."}},
	{From: "shop/ports", Deny: []string{"net/http"}},
	{From: "shop/domain", Deny: []string{"shop/..."}},
}

// TestShop loads a module whose service and adapter break the rules:
// aliased and grouped imports, two files, a sub-package matched by "/...".
// Its test file and its //go:build ignore file import forbidden packages
// too, and do not count; nor does ports reaching net/http through format.
func TestShop(t *testing.T) {
	needGo(t)
	got, err := Check("testdata/shop", []string{"./..."}, shopRules)
	if err != nil {
		t.Fatalf("Check(testdata/shop) = %v %s", err, file)
	}
	want := []Violation{
		{Package: "shop/adapters/mem", Import: "shop/service", File: "adapters/mem/mem.go", Line: 6},
		{Package: "shop/service", Import: "shop/web/render", File: "service/extra.go", Line: 4},
		{Package: "shop/service", Import: "net/http", File: "service/service.go", Line: 7},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check(testdata/shop) found%s\nwant%s\n%s", show(got), show(want), file)
	}
}

// TestPatternsLimitTheLoad: only the packages the patterns name are checked.
func TestPatternsLimitTheLoad(t *testing.T) {
	needGo(t)
	got, err := Check("testdata/shop", []string{"./service"}, shopRules)
	if err != nil {
		t.Fatalf("Check(testdata/shop, ./service) = %v %s", err, file)
	}
	if len(got) != 2 || got[0].Package != "shop/service" || got[1].Package != "shop/service" {
		t.Errorf("Check(testdata/shop, ./service) found%s\nwant the service's two violations only %s", show(got), file)
	}
}

// TestPatternIsNotAPrefix: "shop/web" is one package; "shop/web/..." is a tree.
func TestPatternIsNotAPrefix(t *testing.T) {
	needGo(t)
	rules := []Rule{
		{From: "shop/serv", Deny: []string{"net/http"}},
		{From: "shop/service", Deny: []string{"shop/web", "net", "net/htt"}},
	}
	got, err := Check("testdata/shop", []string{"./..."}, rules)
	if err != nil || len(got) != 0 {
		t.Errorf("Check with rules that name no real import = %s, %v; want none %s", show(got), err, file)
	}
	got, err = Check("testdata/shop", []string{"./..."}, []Rule{{From: "shop/...", Deny: []string{"net/http/..."}}})
	want := []Violation{
		{Package: "shop/format", Import: "net/http", File: "format/format.go", Line: 5},
		{Package: "shop/service", Import: "net/http", File: "service/service.go", Line: 7},
		{Package: "shop/web", Import: "net/http", File: "web/web.go", Line: 4},
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Check with From shop/... = %s, %v\nwant%s\n%s", show(got), err, show(want), file)
	}
}

func TestCleanModule(t *testing.T) {
	needGo(t)
	got, err := Check("testdata/clean", []string{"./..."}, []Rule{
		{From: "clean/core", Deny: []string{"net/http", "clean/web"}},
	})
	if err != nil || len(got) != 0 {
		t.Errorf("Check(testdata/clean) = %s, %v; want no violations and no error %s", show(got), err, file)
	}
}

// TestLoadErrorsAreErrors: a package that cannot be loaded is not a pass.
func TestLoadErrorsAreErrors(t *testing.T) {
	needGo(t)
	rules := []Rule{{From: "broken/core", Deny: []string{"net/http"}}}
	if _, err := Check("testdata/clean", []string{"./..."}, rules); err != nil {
		t.Fatalf("Check(testdata/clean) = %v; want no error %s", err, file)
	}
	if got, err := Check("testdata/broken", []string{"./..."}, rules); err == nil {
		t.Errorf("Check(testdata/broken) = %s, nil; want an error: core imports a package that does not exist %s", show(got), file)
	}
	if got, err := Check("testdata/clean", []string{"./nosuch"}, rules); err == nil {
		t.Errorf("Check(testdata/clean, ./nosuch) = %s, nil; want an error %s", show(got), file)
	}
	if got, err := Check("testdata/nosuchdir", []string{"./..."}, rules); err == nil {
		t.Errorf("Check(testdata/nosuchdir) = %s, nil; want an error: there is no such directory %s", show(got), file)
	}
	// A module with no packages: a checker that checked nothing must say so.
	if got, err := Check("testdata/empty", []string{"./..."}, rules); err == nil {
		t.Errorf("Check(testdata/empty) = %s, nil; want an error: no package matched %s", show(got), file)
	}
}
