package main

import (
	"testing"

	"workbook/serve/lessontest"
)

// TestReadmeGoIsQuotedFromSource keeps the lesson's Go true: every ```go
// block in README.md whose first line names a file must be in that file.
func TestReadmeGoIsQuotedFromSource(t *testing.T) {
	lessontest.CheckQuotedGo(t, "README.md")
}
