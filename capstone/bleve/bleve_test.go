package bleve

import (
	"testing"

	"workbook/capstone/conduit"
	"workbook/capstone/searchtest"
	"workbook/capstone/service"
)

func TestContract(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) service.SearchIndex {
		x, err := New("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Close() })
		return x
	}, nil)
}

// TestOnDisk: an index reopened from its path keeps its documents.
func TestOnDisk(t *testing.T) {
	dir := t.TempDir() + "/idx"
	x, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Index(t.Context(), searchtest.Docs()); err != nil {
		t.Fatal(err)
	}
	x.Close()
	again, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	r, err := again.Search(t.Context(), conduit.SearchQuery{Limit: 10})
	if err != nil || r.Total != 5 {
		t.Errorf("reopened index: total %d, %v; want 5", r.Total, err)
	}
}
