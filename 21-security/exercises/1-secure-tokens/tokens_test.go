package securetokens

import (
	"encoding/base64"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

const file = "exercises/1-secure-tokens/tokens.go"

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		tok, err := NewToken()
		if err != nil {
			t.Fatalf("NewToken() error %v (edit %s)", err, file)
		}
		if len(tok) != 43 || strings.ContainsAny(tok, "+/=") {
			t.Fatalf("NewToken() = %q (%d chars); want 43 characters of unpadded base64url", tok, len(tok))
		}
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) != TokenBytes {
			t.Fatalf("NewToken() = %q decodes to %d bytes (%v); want %d", tok, len(raw), err, TokenBytes)
		}
		if seen[tok] {
			t.Fatalf("NewToken() repeated %q", tok)
		}
		seen[tok] = true
	}
	// 2000 tokens × 43 characters: each of the 64 symbols is expected
	// about 1340 times. A generator that leaves symbols out (hex digits
	// only, a short alphabet) is far off; crypto/rand never is.
	counts := map[rune]int{}
	for tok := range seen {
		for _, r := range tok[:42] { // the 43rd character carries only 4 bits
			counts[r]++
		}
	}
	if len(counts) != 64 {
		t.Errorf("NewToken used %d distinct characters, want all 64 of base64url", len(counts))
	}
}

func TestHashToken(t *testing.T) {
	for in, want := range map[string]string{
		"":    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"abc": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", // FIPS 180-2 B.1
	} {
		if got := HashToken(in); got != want {
			t.Errorf("HashToken(%q) = %q, want %q (lowercase hex SHA-256; edit %s)", in, got, want, file)
		}
	}
}

func TestEqual(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"tok-123", "tok-123", true}, {"", "", true},
		{"tok-123", "tok-124", false}, {"tok-123", "xok-123", false},
		{"tok-123", "tok-12", false}, {"tok", "", false},
	} {
		if got := Equal(tc.a, tc.b); got != tc.want {
			t.Errorf("Equal(%q, %q) = %v, want %v (edit %s)", tc.a, tc.b, got, tc.want, file)
		}
	}
	checkConstantTime(t)
}

// checkConstantTime reads the source of the Equal this test runs. A unit
// test cannot time the difference between == and a constant-time compare
// reliably (nanoseconds, under a shared machine's noise), so this one check
// reads the code: Equal must call crypto/subtle or crypto/hmac itself and
// must not compare its arguments with == or !=.
func checkConstantTime(t *testing.T) {
	t.Helper()
	pc := reflect.ValueOf(Equal).Pointer()
	src, _ := runtime.FuncForPC(pc).FileLine(pc)
	f, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		t.Fatalf("cannot read Equal's source %s: %v", src, err)
	}
	var fn *ast.FuncDecl
	for _, d := range f.Decls {
		if d, ok := d.(*ast.FuncDecl); ok && d.Recv == nil && d.Name.Name == "Equal" {
			fn = d
		}
	}
	if fn == nil || fn.Body == nil {
		t.Fatalf("no func Equal in %s", src)
	}
	params := map[string]bool{}
	for _, field := range fn.Type.Params.List {
		for _, n := range field.Names {
			params[n.Name] = true
		}
	}
	constantTime := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if pkg, ok := n.X.(*ast.Ident); ok &&
				(pkg.Name == "subtle" && n.Sel.Name == "ConstantTimeCompare" || pkg.Name == "hmac" && n.Sel.Name == "Equal") {
				constantTime = true
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				for _, side := range []ast.Expr{n.X, n.Y} {
					if id, ok := side.(*ast.Ident); ok && params[id.Name] {
						t.Errorf("Equal compares %s with %s: == stops at the first differing byte, and its time tells an attacker how much of a guess was right", id.Name, n.Op)
					}
				}
			}
		}
		return true
	})
	if !constantTime {
		t.Error("Equal does not call subtle.ConstantTimeCompare (or hmac.Equal)")
	}
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestStoreKeepsOnlyHashes(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewStore(clk.now, time.Hour)
	alice, err := s.Issue("alice")
	if err != nil {
		t.Fatalf("Issue: %v (edit %s)", err, file)
	}
	bob, _ := s.Issue("bob")
	for tok, user := range map[string]string{alice: "alice", bob: "bob"} {
		if got, ok := s.Lookup(tok); !ok || got != user {
			t.Errorf("Lookup(%s's token) = %q, %v; want %q, true", user, got, ok, user)
		}
	}
	if _, ok := s.Lookup("not-a-token"); ok {
		t.Error("Lookup of an unknown token succeeded")
	}

	dump := s.Dump()
	want := map[string]string{HashToken(alice): "alice", HashToken(bob): "bob"}
	if !reflect.DeepEqual(dump, want) {
		t.Fatalf("Dump() = %v, want token hashes → users %v", dump, want)
	}
	// A thief with the dump has hashes, and a hash is not a session.
	for key := range dump {
		if _, ok := s.Lookup(key); ok {
			t.Errorf("Lookup(a stored key %q) succeeded: the stored form must not work as a token", key)
		}
	}

	s.Revoke(alice)
	if _, ok := s.Lookup(alice); ok {
		t.Error("Lookup after Revoke succeeded")
	}
	if _, ok := s.Lookup(bob); !ok {
		t.Error("Revoke(alice) ended bob's session too")
	}
}

func TestStoreExpiry(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewStore(clk.now, time.Hour)
	tok, err := s.Issue("alice")
	if err != nil {
		t.Fatalf("Issue: %v (edit %s)", err, file)
	}
	clk.t = clk.t.Add(time.Hour - time.Nanosecond)
	if _, ok := s.Lookup(tok); !ok {
		t.Error("session gone 1ns before its ttl")
	}
	clk.t = clk.t.Add(time.Nanosecond)
	if _, ok := s.Lookup(tok); ok {
		t.Error("session alive at exactly its ttl, want expired")
	}
	if n := len(s.Dump()); n != 0 {
		t.Errorf("Dump() holds %d entries after the expired Lookup, want 0: expired sessions are removed", n)
	}
}

// BenchmarkEqual shows why Equal must not be ==: it reports how much longer
// a guess wrong in its last byte takes than one wrong in its first.
func BenchmarkEqual(b *testing.B) {
	secret := strings.Repeat("s", 64<<10)
	first, last := "x"+secret[1:], secret[:len(secret)-1]+"x"
	var tf, tl time.Duration
	for b.Loop() {
		t0 := time.Now()
		Equal(first, secret)
		t1 := time.Now()
		Equal(last, secret)
		tl += time.Since(t1)
		tf += t1.Sub(t0)
	}
	b.ReportMetric(float64(tl)/float64(tf), "last/first")
}
