package layerrules

import (
	"fmt"
	"slices"
	"testing"
)

const file = "(edit exercises/1-layer-rules/rules.go)"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"shop/orders", "shop/orders", true},
		{"shop/orders", "shop/ordersx", false},
		{"shop/orders", "shop/orders/internal", false},
		{"shop/orders", "shop", false},
		{"shop/*", "shop/orders", true},
		{"shop/*", "shop", false},
		{"shop/*", "shop/orders/internal", false},
		{"shop/*/internal", "shop/orders/internal", true},
		{"shop/*/internal", "shop/orders/public", false},
		{"shop/*/internal", "shop/internal", false},
		{"*", "fmt", true},
		{"*", "net/http", false},
		{"shop/...", "shop", true},
		{"shop/...", "shop/a", true},
		{"shop/...", "shop/a/b/c", true},
		{"shop/...", "shopping", false},
		{"shop/...", "shopping/cart", false},
		{"...", "net/http", true},
		{"*/...", "net/http", true},
		{"*/...", "fmt", true},
		{"net/http/...", "net/http/httptest", true},
		{"net/http/...", "net", false},
		{"a/b/c", "a/b", false},
	} {
		got, err := Match(tc.pattern, tc.path)
		if err != nil || got != tc.want {
			t.Errorf("Match(%q, %q) = %v, %v; want %v %s", tc.pattern, tc.path, got, err, tc.want, file)
		}
	}
}

func TestMatchRejectsMalformedPatterns(t *testing.T) {
	for _, p := range []string{"", "shop//orders", "shop/", "/shop", "shop/.../orders", ".../x"} {
		if got, err := Match(p, "shop/orders"); err == nil || got {
			t.Errorf("Match(%q, …) = %v, %v; want false and an error for a malformed pattern %s", p, got, err, file)
		}
	}
	if _, err := Match("shop/...", "x"); err != nil {
		t.Errorf("Match(%q, %q) = %v; want no error: \"...\" may end a pattern %s", "shop/...", "x", err, file)
	}
}

// shop is a small system: httpapi → service → ports → domain, adapters →
// ports; and a few mistakes.
var shop = map[string][]string{
	"shop/cmd":                    {"shop/httpapi", "shop/service", "shop/adapters/memstore", "shop/adapters/smtp"},
	"shop/httpapi":                {"net/http", "shop/service", "shop/adapters/memstore", "encoding/json"},
	"shop/service":                {"context", "shop/ports", "shop/domain", "net/http", "shop/httpapi"},
	"shop/ports":                  {"context", "shop/domain"},
	"shop/domain":                 {"errors"},
	"shop/adapters/memstore":      {"sync", "shop/ports", "shop/domain", "shop/service"},
	"shop/adapters/smtp":          {"net/smtp", "shop/ports", "shop/adapters/smtp/internal"},
	"shop/adapters/smtp/internal": {"bufio"},
}

var shopRules = []Rule{
	{From: "shop/service", Deny: []string{"shop/httpapi", "shop/adapters/...", "net/http/..."}},
	{From: "shop/httpapi", Deny: []string{"shop/adapters/..."}},
	{From: "shop/adapters/...", Deny: []string{"shop/..."}, Allow: []string{"shop/ports", "shop/domain", "shop/adapters/*/internal"}},
	{From: "shop/domain", Deny: []string{"shop/...", "net/..."}},
}

func show(vs []Violation) string {
	s := ""
	for _, v := range vs {
		s += fmt.Sprintf("\n\t%s → %s (rule %d)", v.Package, v.Import, v.Rule)
	}
	if s == "" {
		return " none"
	}
	return s
}

func check(t *testing.T, name string, imports map[string][]string, rules []Rule, want []Violation) {
	t.Helper()
	got, err := Check(imports, rules)
	if err != nil {
		t.Errorf("%s: Check returned %v; want the violations %s", name, err, file)
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: Check found%s\nwant%s\n%s", name, show(got), show(want), file)
	}
}

func TestCheckShop(t *testing.T) {
	check(t, "shop", shop, shopRules, []Violation{
		{"shop/adapters/memstore", "shop/service", 2},
		{"shop/httpapi", "shop/adapters/memstore", 1},
		{"shop/service", "net/http", 0},
		{"shop/service", "shop/httpapi", 0},
	})
}

func TestCheckDirectImportsOnly(t *testing.T) {
	// a imports b, b imports c: a does not import c.
	check(t, "chain", map[string][]string{"a": {"b"}, "b": {"c"}},
		[]Rule{{From: "a", Deny: []string{"c"}}}, nil)
}

func TestCheckAllowOverridesDeny(t *testing.T) {
	imports := map[string][]string{"x/service": {"x/ports", "x/db", "x/ports/fake"}}
	check(t, "allow", imports, []Rule{{From: "x/service", Deny: []string{"x/..."}, Allow: []string{"x/ports"}}},
		[]Violation{{"x/service", "x/db", 0}, {"x/service", "x/ports/fake", 0}})
	// Allow is about the import, not the importer.
	check(t, "allow names imports", imports, []Rule{{From: "x/service", Deny: []string{"x/db"}, Allow: []string{"x/service"}}},
		[]Violation{{"x/service", "x/db", 0}})
}

func TestCheckFirstRuleWinsOncePerPair(t *testing.T) {
	imports := map[string][]string{"p": {"q", "q", "r"}}
	rules := []Rule{
		{From: "z", Deny: []string{"q"}}, // does not apply to p
		{From: "p", Deny: []string{"r"}},
		{From: "*", Deny: []string{"q", "r"}},
		{From: "p", Deny: []string{"q"}},
	}
	check(t, "first rule", imports, rules, []Violation{{"p", "q", 2}, {"p", "r", 1}})
}

func TestCheckSorts(t *testing.T) {
	imports := map[string][]string{
		"b": {"z", "y", "x"},
		"a": {"y"},
		"c": {"x"},
	}
	check(t, "sorted", imports, []Rule{{From: "*", Deny: []string{"*"}}}, []Violation{
		{"a", "y", 0}, {"b", "x", 0}, {"b", "y", 0}, {"b", "z", 0}, {"c", "x", 0},
	})
}

func TestCheckNoViolations(t *testing.T) {
	got, err := Check(map[string][]string{"a": {"b"}}, []Rule{{From: "a", Deny: []string{"c"}}})
	if err != nil || len(got) != 0 {
		t.Errorf("Check of a clean graph = %v, %v; want no violations and no error %s", got, err, file)
	}
}

func TestCheckRejectsMalformedRules(t *testing.T) {
	imports := map[string][]string{"a": {"b"}}
	if _, err := Check(imports, []Rule{{From: "a/...", Deny: []string{"b/..."}, Allow: []string{"*"}}}); err != nil {
		t.Errorf("Check with well-formed patterns = %v; want no error %s", err, file)
	}
	for _, r := range []Rule{
		{From: "", Deny: []string{"b"}},
		{From: "a", Deny: []string{"b//c"}},
		{From: "a", Deny: []string{"b"}, Allow: []string{".../b"}},
		{From: "nothing/matches", Deny: []string{"b/"}},
	} {
		if got, err := Check(imports, []Rule{r}); err == nil {
			t.Errorf("Check with rule %+v = %v, nil; want an error for the malformed pattern %s", r, got, file)
		}
	}
}
