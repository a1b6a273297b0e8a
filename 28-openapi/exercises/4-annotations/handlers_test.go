package annotations

import (
	"encoding/json"
	"io"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/swaggo/swag"
)

// generate runs swag's parser — the one `swag init` runs — on this package
// as the current build sees it. swag reads every .go file in a directory
// and knows nothing of build tags, so the files of this build (types.go and
// annotatedFile) are copied to a temporary directory first.
func generate(t *testing.T) map[string]any {
	t.Helper()
	handlers, err := os.ReadFile(annotatedFile)
	if err != nil {
		t.Fatal(err)
	}
	return generateFrom(t, handlers)
}

// generateFrom runs swag on types.go and the given handlers.go text.
func generateFrom(t *testing.T, handlers []byte) map[string]any {
	t.Helper()
	dir := t.TempDir()
	types, err := os.ReadFile("types.go")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"types.go": types, "handlers.go": handlers} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := swag.New(swag.SetDebugger(log.New(io.Discard, "", 0)))
	if err := p.ParseAPI(dir, "types.go", 1); err != nil {
		t.Fatalf("swag cannot parse the annotations of %s: %v", annotatedFile, err)
	}
	return roundTrip(t, p.GetSwagger())
}

func roundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func expected(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func pretty(v any) string {
	b, _ := json.MarshalIndent(v, "    ", "  ")
	return string(b)
}

// operations flattens paths into "METHOD /path" → operation.
func operations(doc map[string]any) map[string]any {
	ops := map[string]any{}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		methods, _ := item.(map[string]any)
		for method, op := range methods {
			ops[strings.ToUpper(method)+" "+path] = op
		}
	}
	return ops
}

// TestGeneratedDocumentMatches compares, operation by operation, the
// document swag generates from handlers.go with testdata/expected.json.
func TestGeneratedDocumentMatches(t *testing.T) {
	got, want := generate(t), expected(t)
	gotOps, wantOps := operations(got), operations(want)
	if len(gotOps) == 0 {
		t.Fatalf("not implemented: edit exercises/4-annotations/handlers.go — swag found no operation (no @Router line?)")
	}
	keys := make([]string, 0, len(wantOps))
	for k := range wantOps {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g, ok := gotOps[k]
		if !ok {
			t.Errorf("%s is not documented (its @Router line?)", k)
			continue
		}
		if !reflect.DeepEqual(g, wantOps[k]) {
			t.Errorf("%s differs from testdata/expected.json\n  got  %s\n  want %s", k, pretty(g), pretty(wantOps[k]))
		}
	}
	for k := range gotOps {
		if _, ok := wantOps[k]; !ok {
			t.Errorf("%s is documented but not in testdata/expected.json", k)
		}
	}
	for _, key := range []string{"swagger", "info", "basePath", "securityDefinitions", "definitions"} {
		if !reflect.DeepEqual(got[key], want[key]) {
			t.Errorf("%q differs from testdata/expected.json (it comes from types.go, which you need not change)\n  got  %s\n  want %s", key, pretty(got[key]), pretty(want[key]))
		}
	}
	if t.Failed() {
		return
	}

	// The comparison is exact: annotations a learner could plausibly get
	// almost right — applied to the reference's text — all fail it.
	const reference = "handlers_solution.go"
	src, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	for _, miss := range [][2]string{
		{"default(20)", ""},
		{"Enums(new, old)", "Enums(new)"},
		{"{object}	BookmarkPage", "{array}	Bookmark"},
		{"name	path		string	true", "name	query		string	true"},
		{"limit	query		int		false", "limit	query		int		true"},
		{"@Security	Token\n//	@Param		name	path		string		true", "@Param		name	path		string		true"},
		{"@Accept		json", ""},
		{"\"no such tag\"", ""},
		{"@Header		200", "@Header		201"},
		{"@Success	204", "@Success	200"},
		{"@ID			renameTag", "@ID			rename"},
	} {
		mutated := strings.Replace(string(src), miss[0], miss[1], 1)
		if mutated == string(src) {
			t.Fatalf("the near miss %q is not in %s", miss[0], reference)
		}
		if reflect.DeepEqual(operations(generateFrom(t, []byte(mutated))), wantOps) {
			t.Errorf("with %q changed to %q the document still matches: the comparison is too weak", miss[0], miss[1])
		}
	}
}
