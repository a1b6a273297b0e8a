package main

import (
	"testing"

	"workbook/serve/lessontest"
)

// TestMocksAreCurrent regenerates the mockery mocks with the pinned mockery
// (`go tool mockery`) and fails when the committed files differ: a changed
// interface must come with regenerated mocks.
func TestMocksAreCurrent(t *testing.T) {
	lessontest.CheckMocksCurrent(t, "26-testing")
}
