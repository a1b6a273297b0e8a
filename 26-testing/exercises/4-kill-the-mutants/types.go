// Package killthemutants is exercise 4 of chapter 26: write the test cases
// for Total that tell it apart from every one of its mutants (mutants.go).
package killthemutants

import "errors"

// Case is one test case for Total: the inputs and the total it must return.
type Case struct {
	UnitCents int64
	Qty       int
	Member    bool
	Want      int64
}

// ErrNotImplemented names the file to edit while Cases is empty.
var ErrNotImplemented = errors.New("not implemented: edit exercises/4-kill-the-mutants/cases.go")

// Total returns what a customer pays, in cents, for qty items of unitCents
// each. Its rules:
//
//   - fewer than one item, or a unit price below one cent: 0;
//   - a subtotal (unitCents × qty) of 10000 cents or more: 10% off;
//   - a member: a further 5% off (5% of the subtotal, whatever its size);
//   - ten items or more: a further 300 cents off;
//   - the whole discount is at most 2000 cents.
//
// The percentages are taken together on the subtotal and rounded down to a
// whole cent; the 300 is added after them, and the cap applies last.
func Total(unitCents int64, qty int, member bool) int64 {
	if qty < 1 || unitCents < 1 {
		return 0
	}
	subtotal := unitCents * int64(qty)
	var pct int64
	if subtotal >= 10000 {
		pct += 10
	}
	if member {
		pct += 5
	}
	discount := subtotal * pct / 100
	if qty >= 10 {
		discount += 300
	}
	if discount > 2000 {
		discount = 2000
	}
	return subtotal - discount
}
