package domain_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPureBusinessLayer enforces the architecture: the domain and the
// application service (publishing) must not depend — directly or through
// any other package — on HTTP, SQL, a database driver or the adapters.
// It asks the go command for the full dependency list, so an import
// smuggled in through a helper package is caught too.
func TestPureBusinessLayer(t *testing.T) {
	forbidden := []string{
		"net/http",
		"database/sql",
		"github.com/jackc/",
		"github.com/golang-migrate/",
		"workbook/12-business-logic/httpapi",
		"workbook/12-business-logic/postgres",
		"workbook/12-business-logic/memory",
	}
	for _, pkg := range []string{"workbook/12-business-logic/domain", "workbook/12-business-logic/publishing"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if dep == f || strings.HasPrefix(dep, f+"/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f)) {
					t.Errorf("%s depends on %s: the business layer must not know about HTTP, SQL or adapters", pkg, dep)
				}
			}
		}
	}
}
