package main

import (
	"testing"

	"workbook/serve/lessontest"
)

func TestReadmeGoIsQuotedFromSource(t *testing.T) {
	lessontest.CheckQuotedGo(t, "README.md")
}
