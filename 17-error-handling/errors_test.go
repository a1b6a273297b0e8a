package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"regexp"
	"testing"
)

// TestEveryCodeIsInTheTable: each errorCode constant declared in errors.go has
// a status, a 4xx or a 5xx, and is snake_case (clients match it exactly).
func TestEveryCodeIsInTheTable(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	snake := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "errorCode" {
				continue
			}
			lit := vs.Values[0].(*ast.BasicLit).Value
			code := errorCode(lit[1 : len(lit)-1])
			n++
			status, ok := statusOf[code]
			if !ok || status < 400 || status > 599 {
				t.Errorf("code %q: status %d in statusOf, want a 4xx or 5xx", code, status)
			}
			if !snake.MatchString(string(code)) {
				t.Errorf("code %q is not snake_case", code)
			}
		}
	}
	if n != len(statusOf) {
		t.Errorf("%d errorCode constants, %d table rows: want one row per constant", n, len(statusOf))
	}
}

func TestClassify(t *testing.T) {
	// An *appError anywhere in the chain is found and keeps its code.
	inner := userError(codeArticleNotFound, "no article 9")
	if got := classify(fmt.Errorf("handler: %w", inner)); got != inner || got.status() != http.StatusNotFound {
		t.Errorf("classify(wrapped user error) = %v (%d), want it unchanged, 404", got, got.status())
	}
	// An unclassified error is a 500 that says nothing of its cause.
	cause := &fs.PathError{Op: "open", Path: "/srv/secret", Err: fs.ErrPermission}
	got := classify(cause)
	if got.code != codeInternal || got.kind != kindSystem || got.detail != internalDetail || !errors.Is(got, fs.ErrPermission) {
		t.Errorf("classify(bare error) = %+v, want internal, system, the generic detail, and the cause wrapped", got)
	}
	// A code missing from the table is a bug: 500.
	if s := (&appError{code: "nope"}).status(); s != 500 {
		t.Errorf("status of an unknown code = %d, want 500", s)
	}
}

func TestChain(t *testing.T) {
	err := fmt.Errorf("outer: %w", errors.Join(fs.ErrNotExist, &fs.PathError{Op: "read", Path: "x", Err: fs.ErrClosed}))
	got := fmt.Sprint(chain(err))
	if want := "[*fmt.wrapError *errors.joinError *errors.errorString *fs.PathError *errors.errorString]"; got != want {
		t.Errorf("chain = %s, want %s", got, want)
	}
}

func TestRetryAfterRoundsUp(t *testing.T) {
	for in, want := range map[float64]int{0.1: 1, 1: 1, 1.5: 2, 10: 10} {
		if got := ceilSeconds(in); got != want {
			t.Errorf("ceilSeconds(%v) = %d, want %d", in, got, want)
		}
	}
}
