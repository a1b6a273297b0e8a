// Package mutant checks that an exercise's tests reject plausible wrong
// solutions. It makes mutants of the reference solution — each a copy with
// one small change a learner could make by mistake (a flipped comparison, an
// off-by-one, a dropped error) — runs the exercise's tests against each
// through `go test -overlay`, and reports the mutants the tests did not kill.
//
// A mutant that does not compile is neither killed nor survived: it is
// counted apart, so a test that checks nothing can never score well.
package mutant

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/fnv"
	"sort"
	"strings"
)

// Mutant is one single-edit copy of a source file.
type Mutant struct {
	File     string // base name of the mutated file, e.g. "methodtable_solution.go"
	Func     string // enclosing function ("Allow", "(*Store).Get"), "" at package level
	Line     int
	Operator string // what kind of change: "relational", "negate", "int±1", …
	Original string // the source text that is replaced (shortened for display)
	Mutated  string // what replaces it (shortened for display)
	// Occurrence is N when this is the Nth mutant of the function with the
	// same BaseKey (1-based), and 0 when the change is made only here.
	Occurrence int

	start, end int    // byte range of the edit in the original source
	repl       string // replacement text
}

// Key identifies the mutant across edits that move it to another line: the
// file, the function and the change, and — when the same change can be
// made at several places in one function — "#N", its place among them in
// source order. Lists of equivalent mutants use it.
func (m Mutant) Key() string {
	if m.Occurrence > 0 {
		return fmt.Sprintf("%s #%d", m.BaseKey(), m.Occurrence)
	}
	return m.BaseKey()
}

// BaseKey is Key without the occurrence: it names every place in the
// function where the same change can be made.
func (m Mutant) BaseKey() string {
	return fmt.Sprintf("%s:%s: %s → %s", m.File, m.Func, m.Original, m.Mutated)
}

// String is how a survivor is reported: file:line: original → mutated.
func (m Mutant) String() string {
	return fmt.Sprintf("%s:%d: %s → %s", m.File, m.Line, m.Original, m.Mutated)
}

// Apply returns src with the mutant's edit made.
func (m Mutant) Apply(src []byte) []byte {
	out := make([]byte, 0, len(src)+len(m.repl))
	out = append(out, src[:m.start]...)
	out = append(out, m.repl...)
	return append(out, src[m.end:]...)
}

var (
	relational = map[token.Token]token.Token{
		token.LSS: token.LEQ, token.LEQ: token.LSS,
		token.GTR: token.GEQ, token.GEQ: token.GTR,
		token.EQL: token.NEQ, token.NEQ: token.EQL,
	}
	arithmetic = map[token.Token]token.Token{
		token.ADD: token.SUB, token.SUB: token.ADD,
		token.MUL: token.QUO, token.QUO: token.MUL, token.REM: token.MUL,
		token.AND: token.OR, token.OR: token.AND,
		token.SHL: token.SHR, token.SHR: token.SHL,
	}
	logical = map[token.Token]token.Token{token.LAND: token.LOR, token.LOR: token.LAND}
	assign  = map[token.Token]token.Token{
		token.ADD_ASSIGN: token.SUB_ASSIGN, token.SUB_ASSIGN: token.ADD_ASSIGN,
		token.MUL_ASSIGN: token.QUO_ASSIGN, token.QUO_ASSIGN: token.MUL_ASSIGN,
	}
)

// Generate returns every mutant of one Go source file, in source order.
func Generate(filename string, src []byte) ([]Mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	g := &generator{fset: fset, src: src, file: baseName(filename)}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			g.fn = funcName(d)
			g.errorResult, g.results = lastResultIsError(d.Type), resultCount(d.Type)
			if d.Body != nil {
				g.walk(d.Body)
			}
		case *ast.GenDecl:
			if d.Tok == token.VAR {
				// Package-level variables can hold logic (tables, closures).
				g.fn = ""
				g.errorResult = false
				g.walk(d)
			}
		}
	}
	sort.SliceStable(g.out, func(i, j int) bool { return g.out[i].start < g.out[j].start })
	count := map[string]int{}
	for _, m := range g.out {
		count[m.BaseKey()]++
	}
	seen := map[string]int{}
	for i := range g.out {
		if k := g.out[i].BaseKey(); count[k] > 1 {
			seen[k]++
			g.out[i].Occurrence = seen[k]
		}
	}
	return g.out, nil
}

type generator struct {
	fset        *token.FileSet
	src         []byte
	file, fn    string
	errorResult bool // the enclosing function's last result is error
	results     int  // how many results the enclosing function has
	out         []Mutant
}

func (g *generator) text(n ast.Node) string {
	return string(g.src[g.off(n.Pos()):g.off(n.End())])
}

func (g *generator) off(p token.Pos) int { return g.fset.Position(p).Offset }

// add records a mutant that replaces [start,end) with repl; shown is the
// node whose before/after text is displayed.
func (g *generator) add(op string, start, end int, repl string, shownStart, shownEnd int) {
	g.addShown(op, start, end, repl, repl, shownStart, shownEnd)
}

// addShown is add with a replacement that is displayed differently from
// the text that is compiled.
func (g *generator) addShown(op string, start, end int, repl, shown string, shownStart, shownEnd int) {
	before := string(g.src[shownStart:shownEnd])
	after := before[:start-shownStart] + shown + before[end-shownStart:]
	g.out = append(g.out, Mutant{
		File: g.file, Func: g.fn, Line: g.lineOf(start), Operator: op,
		Original: shorten(before), Mutated: shorten(after),
		start: start, end: end, repl: repl,
	})
}

func (g *generator) lineOf(off int) int { return bytes.Count(g.src[:off], []byte("\n")) + 1 }

// replaceNode records a mutant that replaces the whole node's text.
func (g *generator) replaceNode(op string, n ast.Node, repl string) {
	s, e := g.off(n.Pos()), g.off(n.End())
	g.add(op, s, e, repl, s, e)
}

func (g *generator) walk(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			// A closure keeps the enclosing function's name but has its own
			// results.
			savedErr, savedN := g.errorResult, g.results
			g.errorResult, g.results = lastResultIsError(n.Type), resultCount(n.Type)
			g.walk(n.Body)
			g.errorResult, g.results = savedErr, savedN
			return false
		case *ast.BinaryExpr:
			g.binary(n)
		case *ast.UnaryExpr:
			if n.Op == token.NOT {
				g.replaceNode("negate", n, g.text(n.X))
			}
		case *ast.IfStmt:
			g.condition(n.Cond)
			if isErrCheck(n.Cond) {
				g.replaceNode("drop error check", n.Cond, "false")
			}
		case *ast.ForStmt:
			if n.Cond != nil {
				g.condition(n.Cond)
			}
		case *ast.SwitchStmt:
			if n.Tag == nil {
				for _, s := range n.Body.List {
					for _, e := range s.(*ast.CaseClause).List {
						g.condition(e)
					}
				}
			}
		case *ast.BasicLit:
			if n.Kind == token.INT {
				g.replaceNode("int+1", n, "("+n.Value+"+1)")
				if n.Value != "0" {
					g.replaceNode("int-1", n, "("+n.Value+"-1)")
				}
			}
		case *ast.Ident:
			switch n.Name {
			case "true":
				g.replaceNode("flip bool", n, "false")
			case "false":
				g.replaceNode("flip bool", n, "true")
			}
		case *ast.BranchStmt:
			if n.Tok == token.BREAK || n.Tok == token.CONTINUE {
				g.replaceNode("remove "+n.Tok.String(), n, "{}")
			}
		case *ast.IncDecStmt:
			other := token.DEC
			if n.Tok == token.DEC {
				other = token.INC
			}
			s := g.off(n.TokPos)
			g.add("inc/dec", s, s+len(n.Tok.String()), other.String(), g.off(n.Pos()), g.off(n.End()))
		case *ast.AssignStmt:
			if to, ok := assign[n.Tok]; ok {
				s := g.off(n.TokPos)
				g.add("arithmetic", s, s+len(n.Tok.String()), to.String(), g.off(n.Pos()), g.off(n.End()))
			}
		case *ast.ReturnStmt:
			// Only `return …, err` with every result written out: a
			// `return f()` of a multi-valued call has no error to drop.
			if g.errorResult && len(n.Results) == g.results {
				last := n.Results[len(n.Results)-1]
				if id, ok := last.(*ast.Ident); !ok || id.Name != "nil" {
					if _, isCall := last.(*ast.CallExpr); isCall || ok || isSelector(last) {
						// The error expression is still evaluated (and its
						// imports still used), then thrown away: the
						// mutant compiles wherever `nil` would.
						s, e := g.off(last.Pos()), g.off(last.End())
						repl := "func(error) error { return nil }(" + g.text(last) + ")"
						g.addShown("drop error", s, e, repl, "nil", g.off(n.Pos()), g.off(n.End()))
					}
				}
			}
		}
		return true
	})
}

// binary mutates the operator of a binary expression.
func (g *generator) binary(n *ast.BinaryExpr) {
	var to token.Token
	op := ""
	if t, ok := relational[n.Op]; ok {
		to, op = t, "relational"
	} else if t, ok := logical[n.Op]; ok {
		to, op = t, "logical"
	} else if t, ok := arithmetic[n.Op]; ok {
		if n.Op == token.ADD && (isStringLit(n.X) || isStringLit(n.Y)) {
			return // string concatenation: "a" - "b" never compiles
		}
		to, op = t, "arithmetic"
	} else {
		return
	}
	s := g.off(n.OpPos)
	g.add(op, s, s+len(n.Op.String()), to.String(), g.off(n.Pos()), g.off(n.End()))
}

// condition negates a boolean condition (an if, a for, a switch case).
func (g *generator) condition(e ast.Expr) {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		return // the "negate" mutant of the ! already covers it
	}
	g.replaceNode("negate", e, "!("+g.text(e)+")")
}

// isErrCheck matches `err != nil` (any identifier ending in err/Err).
func isErrCheck(e ast.Expr) bool {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	x, ok1 := b.X.(*ast.Ident)
	y, ok2 := b.Y.(*ast.Ident)
	return ok1 && ok2 && y.Name == "nil" && strings.HasSuffix(strings.ToLower(x.Name), "err")
}

func isSelector(e ast.Expr) bool { _, ok := e.(*ast.SelectorExpr); return ok }

func isStringLit(e ast.Expr) bool {
	b, ok := e.(*ast.BasicLit)
	return ok && b.Kind == token.STRING
}

func lastResultIsError(ft *ast.FuncType) bool {
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return false
	}
	id, ok := ft.Results.List[len(ft.Results.List)-1].Type.(*ast.Ident)
	return ok && id.Name == "error"
}

func resultCount(ft *ast.FuncType) int {
	if ft.Results == nil {
		return 0
	}
	n := 0
	for _, f := range ft.Results.List {
		n += max(1, len(f.Names))
	}
	return n
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	star := ""
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = "*", s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if ix, ok := t.(*ast.IndexListExpr); ok {
		t = ix.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if star != "" {
		return "(*" + name + ")." + d.Name.Name
	}
	return name + "." + d.Name.Name
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// shorten keeps a displayed expression on one short line.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 70 {
		return string(r[:67]) + "…"
	}
	return s
}

// Sample returns at most n of the mutants, chosen deterministically by a hash
// of seed and each mutant's key, in source order. n <= 0 means all.
func Sample(ms []Mutant, n int, seed string) []Mutant {
	if n <= 0 || len(ms) <= n {
		return ms
	}
	type scored struct {
		h uint64
		i int
	}
	s := make([]scored, len(ms))
	for i, m := range ms {
		h := fnv.New64a()
		fmt.Fprintf(h, "%s\x00%s", seed, m.Key())
		s[i] = scored{h.Sum64(), i}
	}
	sort.Slice(s, func(a, b int) bool { return s[a].h < s[b].h })
	idx := make([]int, n)
	for i := range idx {
		idx[i] = s[i].i
	}
	sort.Ints(idx)
	out := make([]Mutant, n)
	for i, j := range idx {
		out[i] = ms[j]
	}
	return out
}
