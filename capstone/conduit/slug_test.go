package conduit_test

import (
	"fmt"
	"testing"

	"workbook/capstone/conduit"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"How to train your dragon", "how-to-train-your-dragon"},
		{"  Crème brûlée!  ", "creme-brulee"},
		{"Go 1.26: what's new?", "go-1-26-what-s-new"},
		{"???", "article"},
		{"", "article"},
	}
	for _, tc := range tests {
		if got := conduit.Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func ExampleErrorCode() {
	err := conduit.Errorf(conduit.ENOTFOUND, "article %q not found", "dragons")
	fmt.Println(conduit.ErrorCode(err), conduit.ErrorMessage(err))
	fmt.Println(conduit.ErrorCode(fmt.Errorf("disk on fire")), conduit.ErrorMessage(fmt.Errorf("disk on fire")))
	// Output:
	// not_found article "dragons" not found
	// internal internal error
}
