package killthemutants

import (
	"fmt"
	"testing"
)

// These tests are the grading contract: they do not change. What you edit
// is the table Cases returns (cases.go).

func describe(c Case) string {
	return fmt.Sprintf("Total(%d, %d, %v)", c.UnitCents, c.Qty, c.Member)
}

func TestCasesPassOnTotal(t *testing.T) {
	cases := Cases()
	if len(cases) == 0 {
		t.Fatalf("Cases() is empty: %v", ErrNotImplemented)
	}
	for i, c := range cases {
		if got := Total(c.UnitCents, c.Qty, c.Member); got != c.Want {
			t.Errorf("case %d: %s = %d, but the case wants %d: a case must pass on the real function", i, describe(c), got, c.Want)
		}
	}
}

func TestEveryMutantIsKilled(t *testing.T) {
	checkMutantsAreWrong(t)
	cases := Cases()
	if len(cases) == 0 {
		t.Fatalf("Cases() is empty: %v", ErrNotImplemented)
	}
	for _, m := range Mutants {
		t.Run(m.Name, func(t *testing.T) {
			for _, c := range cases {
				// Only a case that is right about Total may kill a mutant.
				if Total(c.UnitCents, c.Qty, c.Member) == c.Want && m.Total(c.UnitCents, c.Qty, c.Member) != c.Want {
					return
				}
			}
			t.Errorf("mutant %q (%s) passes every case: add a case where its total differs from Total's", m.Name, m.Doc)
		})
	}
}

// checkMutantsAreWrong keeps the exercise honest: every mutant differs from
// Total somewhere (else no case could kill it), and the mutants' shared
// code with no mistake selected is Total itself.
func checkMutantsAreWrong(t *testing.T) {
	t.Helper()
	probes := []Case{}
	for _, u := range []int64{-1, 0, 1, 7, 99, 100, 101, 999, 1000, 1001, 1111, 2000, 5000, 9999, 10000, 10001, 20000, 50000} {
		for _, q := range []int{-1, 0, 1, 2, 9, 10, 11, 20} {
			for _, m := range []bool{false, true} {
				probes = append(probes, Case{UnitCents: u, Qty: q, Member: m})
			}
		}
	}
	for _, p := range probes {
		if got, want := total(p.UnitCents, p.Qty, p.Member, func(*opts) {}), Total(p.UnitCents, p.Qty, p.Member); got != want {
			t.Fatalf("total with no mistake: %s = %d, Total says %d", describe(p), got, want)
		}
	}
	for _, m := range Mutants {
		differs := false
		for _, p := range probes {
			differs = differs || m.Total(p.UnitCents, p.Qty, p.Member) != Total(p.UnitCents, p.Qty, p.Member)
		}
		if !differs {
			t.Fatalf("mutant %q never differs from Total on the probes", m.Name)
		}
	}
}
