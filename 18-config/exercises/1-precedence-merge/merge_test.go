package precedencemerge

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const file = "exercises/1-precedence-merge/merge.go"

func mustMerge(t *testing.T, layers ...Layer) map[string]Value {
	t.Helper()
	got, err := Merge(layers...)
	if err != nil {
		t.Fatalf("Merge: %v (edit %s)", err, file)
	}
	if got == nil {
		t.Fatalf("Merge returned a nil map (edit %s)", file)
	}
	return got
}

func wantLeaves(t *testing.T, got, want map[string]Value) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			t.Errorf("leaf %s missing, want %v from %s", k, want[k].Value, want[k].Source)
		} else if !reflect.DeepEqual(g, want[k]) {
			t.Errorf("leaf %s = %v from %s, want %v from %s", k, g.Value, g.Source, want[k].Value, want[k].Source)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected leaf %s = %v from %s", k, got[k].Value, got[k].Source)
		}
	}
}

func TestNestedKeysMergeLeafByLeaf(t *testing.T) {
	got := mustMerge(t,
		Layer{"defaults", map[string]any{
			"db":  map[string]any{"host": "localhost", "port": 5432, "pool": map[string]any{"max": 10, "min": 1}},
			"log": "info",
		}},
		Layer{"file app.yaml", map[string]any{"db": map[string]any{"host": "db.internal", "pool": map[string]any{"max": 20}}}},
		Layer{"env", map[string]any{"log": "debug"}},
		Layer{"flags", map[string]any{}},
	)
	wantLeaves(t, got, map[string]Value{
		"db.host":     {"db.internal", "file app.yaml"},
		"db.port":     {5432, "defaults"},
		"db.pool.max": {20, "file app.yaml"},
		"db.pool.min": {1, "defaults"},
		"log":         {"debug", "env"},
	})
}

func TestLaterLayerClaimsEvenAnEqualOrZeroValue(t *testing.T) {
	got := mustMerge(t,
		Layer{"defaults", map[string]any{"log": "info", "debug": true, "n": 5, "s": "x"}},
		Layer{"env", map[string]any{"log": "info", "debug": false, "n": 0, "s": ""}},
	)
	wantLeaves(t, got, map[string]Value{
		"log": {"info", "env"}, "debug": {false, "env"}, "n": {0, "env"}, "s": {"", "env"},
	})
}

func TestListsAreReplacedWhole(t *testing.T) {
	got := mustMerge(t,
		Layer{"defaults", map[string]any{"hosts": []any{"a", "b", "c"}, "ports": map[string]any{"http": 80}}},
		Layer{"file", map[string]any{"hosts": []any{"d"}, "ports": []any{8080, 8443}}},
	)
	wantLeaves(t, got, map[string]Value{
		"hosts": {[]any{"d"}, "file"},
		"ports": {[]any{8080, 8443}, "file"},
	})
}

func TestNullUnsets(t *testing.T) {
	base := Layer{"defaults", map[string]any{
		"db":  map[string]any{"host": "h", "password": "dev", "pool": map[string]any{"max": 1}},
		"dbx": map[string]any{"y": 2}, "dbase": 3,
	}}
	got := mustMerge(t, base, Layer{"env", map[string]any{"db": map[string]any{"password": nil}}})
	wantLeaves(t, got, map[string]Value{"db.host": {"h", "defaults"}, "db.pool.max": {1, "defaults"}, "dbx.y": {2, "defaults"}, "dbase": {3, "defaults"}})

	// null on an object removes everything under it, and only under it.
	got = mustMerge(t, base, Layer{"file", map[string]any{"db": nil}})
	wantLeaves(t, got, map[string]Value{"dbx.y": {2, "defaults"}, "dbase": {3, "defaults"}})

	// A later layer may set an unset key again.
	got = mustMerge(t, base, Layer{"file", map[string]any{"db": nil}}, Layer{"flags", map[string]any{"db": map[string]any{"host": "z"}}})
	wantLeaves(t, got, map[string]Value{"db.host": {"z", "flags"}, "dbx.y": {2, "defaults"}, "dbase": {3, "defaults"}})

	// Unsetting what no layer set is no error.
	got = mustMerge(t, Layer{"env", map[string]any{"nothing": nil, "deep": map[string]any{"er": nil}}})
	wantLeaves(t, got, map[string]Value{})
}

func TestScalarAndObjectReplaceEachOther(t *testing.T) {
	obj := Layer{"defaults", map[string]any{"db": map[string]any{"host": "h", "port": 1}, "dbx": "keep"}}
	scalar := Layer{"file", map[string]any{"db": "postgres://h:1/app"}}
	wantLeaves(t, mustMerge(t, obj, scalar), map[string]Value{"db": {"postgres://h:1/app", "file"}, "dbx": {"keep", "defaults"}})
	wantLeaves(t, mustMerge(t, obj, scalar, Layer{"env", map[string]any{"db": map[string]any{"port": 2}}}),
		map[string]Value{"db.port": {2, "env"}, "dbx": {"keep", "defaults"}})
	// An empty object replaces a leaf with nothing, and leaves an object as it was.
	wantLeaves(t, mustMerge(t, scalar, Layer{"env", map[string]any{"db": map[string]any{}}}), map[string]Value{})
	wantLeaves(t, mustMerge(t, obj, Layer{"env", map[string]any{"db": map[string]any{}}}),
		map[string]Value{"db.host": {"h", "defaults"}, "db.port": {1, "defaults"}, "dbx": {"keep", "defaults"}})
}

func TestNoLayers(t *testing.T) {
	wantLeaves(t, mustMerge(t), map[string]Value{})
	wantLeaves(t, mustMerge(t, Layer{"empty", nil}), map[string]Value{})
}

func TestBadKeysNameTheirLayer(t *testing.T) {
	for _, l := range []Layer{
		{"file app.yaml", map[string]any{"db.host": "h"}},
		{"file app.yaml", map[string]any{"": 1}},
		{"file app.yaml", map[string]any{"db": map[string]any{"pool.max": 1}}},
		{"file app.yaml", map[string]any{"db": map[string]any{"pool": map[string]any{"": 1}}}},
	} {
		_, err := Merge(Layer{"defaults", map[string]any{"ok": 1}}, l)
		if err == nil || !strings.Contains(err.Error(), "file app.yaml") {
			t.Errorf("Merge(%v) error = %v, want one naming layer %q (edit %s)", l.Values, err, l.Name, file)
		}
	}
}

func TestLayersAreNotModified(t *testing.T) {
	mk := func() []Layer {
		return []Layer{
			{"defaults", map[string]any{"db": map[string]any{"host": "h", "pool": map[string]any{"max": 1}}}},
			{"file", map[string]any{"db": map[string]any{"host": nil, "pool": map[string]any{"max": 2}}}},
		}
	}
	layers := mk()
	mustMerge(t, layers...)
	if !reflect.DeepEqual(layers, mk()) {
		t.Errorf("Merge changed its input layers: %s", fmt.Sprint(layers))
	}
}
