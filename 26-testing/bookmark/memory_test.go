package bookmark_test

import (
	"testing"

	"workbook/26-testing/bookmark"
)

// The fake passes the same suite as the real adapter: that is what makes a
// test over the fake worth trusting.
func TestMemoryContract(t *testing.T) {
	runContract(t, func(*testing.T) bookmark.Repository { return bookmark.NewMemory() })
}
