//go:build solution

package killthemutants

// Cases returns the test cases for Total. Each row sits on the edge that
// one mutant gets wrong, with its other inputs chosen so that a change of
// any of them changes the total (no round numbers where rounding could hide
// a cent): a wrong row fails on Total itself.
func Cases() []Case {
	return []Case{
		{UnitCents: 10000, Qty: 1, Member: false, Want: 9000}, // exactly the threshold: 10% off
		{UnitCents: 101, Qty: 10, Member: false, Want: 710},   // exactly ten items: 300 off
		{UnitCents: 10010, Qty: 1, Member: true, Want: 8509},  // 15% of 10010 is 1501.5: rounded down, both percentages
		{UnitCents: 1010, Qty: 1, Member: true, Want: 960},    // a member under the threshold still gets 5%
		{UnitCents: 15001, Qty: 1, Member: true, Want: 13001}, // 15% is 2250: capped at 2000
		{UnitCents: 1201, Qty: 10, Member: true, Want: 10010}, // 1801 + 300 is over the cap: capped after the 300
		{UnitCents: 500, Qty: -1, Member: false, Want: 0},     // a negative quantity costs nothing
		{UnitCents: -1, Qty: 3, Member: false, Want: 0},       // a negative price costs nothing
	}
}
