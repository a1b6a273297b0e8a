package publishing_test

import (
	"context"
	"errors"
	"fmt"

	"workbook/12-business-logic/publishing"
)

// A sponsor pays to feature a published article in tomorrow's newsletter.
// Three services take part, so no one transaction can hold the steps: the
// slot is reserved, the sponsor charged, then the scheduler refuses the
// entry — and the saga refunds the charge and releases the slot, in that
// order. Neither is a rollback: the charge happened and the sponsor may have
// seen it, so the refund is a new, recorded action.
func ExampleRunSaga() {
	step := func(name, undo string, fail bool) publishing.Step {
		s := publishing.Step{Name: name, Do: func(context.Context) error {
			if fail {
				return errors.New("newsletter is full")
			}
			fmt.Println("done:", name)
			return nil
		}}
		if undo != "" {
			s.Compensate = func(context.Context) error { fmt.Println("compensated:", undo); return nil }
		}
		return s
	}
	err := publishing.RunSaga(context.Background(),
		step("reserve slot", "release slot", false),
		step("charge sponsor", "refund sponsor", false),
		step("schedule entry", "", true),
	)
	fmt.Println("error:", err)
	// Output:
	// done: reserve slot
	// done: charge sponsor
	// compensated: refund sponsor
	// compensated: release slot
	// error: saga step schedule entry: newsletter is full
}
