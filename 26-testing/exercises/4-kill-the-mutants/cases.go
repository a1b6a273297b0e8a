//go:build !solution

package killthemutants

// Cases returns your test cases for Total: one row per case, each with the
// total worked out from Total's rules, chosen so that every mutant in
// mutants.go returns a different total for at least one of them.
//
// not implemented: edit exercises/4-kill-the-mutants/cases.go
func Cases() []Case {
	return []Case{
		// {UnitCents: 100, Qty: 1, Member: false, Want: 100},
	}
}
