package slug

import (
	"fmt"
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	long := strings.Repeat("word ", 20) // 100 bytes
	tests := []struct{ title, want string }{
		{"How to Train Your Dragon", "how-to-train-your-dragon"},
		{"Crème Brûlée: 10 Tips!", "creme-brulee-10-tips"},
		{"  --Hello,   World--  ", "hello-world"},
		{"ﬁle №5", "file-no5"}, // NFKD turns ligatures and № into letters
		{"Straße", "strasse"},  // ß has no decomposition: spelt ss
		{"日本語", ""},
		{"!!!", ""},
		{"", ""},
		{long, strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		{strings.Repeat("a", 70), strings.Repeat("a", 64)},
	}
	for _, tc := range tests {
		if got := Make(tc.title); got != tc.want {
			t.Errorf("Make(%q) = %q, want %q", tc.title, got, tc.want)
		}
		if got := Make(tc.title); len(got) > MaxLen {
			t.Errorf("Make(%q) is %d bytes, over MaxLen", tc.title, len(got))
		}
	}
}

func ExampleMake() {
	fmt.Println(Make("Crème Brûlée: 10 Tips!"))
	fmt.Printf("%q\n", Make("!!!"))
	// Output:
	// creme-brulee-10-tips
	// ""
}
