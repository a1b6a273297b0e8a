package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/mod/semver"
)

// breaks lists what a client written against old would trip over in cur:
// an operation gone, a success-response property gone or retyped, a request
// property or parameter that became required. (Exercise 2 classifies every
// kind of change; this is the gate a release needs.)
func breaks(old, cur *openapi3.T) []string {
	var out []string
	for path, oldItem := range old.Paths.Map() {
		for method, oldOp := range oldItem.Operations() {
			curItem := cur.Paths.Find(path)
			if curItem == nil || curItem.GetOperation(method) == nil {
				out = append(out, fmt.Sprintf("%s %s was removed", method, path))
				continue
			}
			curOp := curItem.GetOperation(method)
			where := method + " " + path
			for code, oldResp := range oldOp.Responses.Map() {
				curResp := curOp.Responses.Value(code)
				if code[0] != '2' {
					continue
				}
				if curResp == nil {
					out = append(out, fmt.Sprintf("%s: response %s was removed", where, code))
					continue
				}
				out = append(out, lostProperties(where+" "+code, schemaOf(oldResp.Value), schemaOf(curResp.Value))...)
			}
			if curOp.RequestBody != nil && oldOp.RequestBody != nil {
				oldReq := schemaOf(&openapi3.Response{Content: oldOp.RequestBody.Value.Content})
				curReq := schemaOf(&openapi3.Response{Content: curOp.RequestBody.Value.Content})
				for _, name := range curReq.Required {
					if !slices.Contains(oldReq.Required, name) {
						out = append(out, fmt.Sprintf("%s: request property %q became required", where, name))
					}
				}
			}
			for _, p := range curOp.Parameters {
				if p.Value.Required && oldOp.Parameters.GetByInAndName(p.Value.In, p.Value.Name) == nil {
					out = append(out, fmt.Sprintf("%s: new required %s parameter %q", where, p.Value.In, p.Value.Name))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func schemaOf(r *openapi3.Response) *openapi3.Schema {
	if mt := r.Content.Get("application/json"); mt != nil && mt.Schema != nil {
		return mt.Schema.Value
	}
	return &openapi3.Schema{}
}

// lostProperties walks objects and array items: every property old had,
// cur must have with the same type.
func lostProperties(where string, old, cur *openapi3.Schema) []string {
	var out []string
	if old.Items != nil && cur.Items != nil {
		return lostProperties(where+"[]", old.Items.Value, cur.Items.Value)
	}
	for name, p := range old.Properties {
		c, ok := cur.Properties[name]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: property %q was removed", where, name))
		case !p.Value.Type.Is(typeName(c.Value.Type)):
			out = append(out, fmt.Sprintf("%s: property %q changed type", where, name))
		default:
			out = append(out, lostProperties(where+"."+name, p.Value, c.Value)...)
		}
	}
	return out
}

func typeName(t *openapi3.Types) string {
	if t == nil || len(*t) == 0 {
		return ""
	}
	return (*t)[0]
}

func loadDoc(t *testing.T, path string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestCompatibleWithLastRelease compares today's document with the last
// released one: nothing a 1.0.0 client uses may break, and the version must
// move forward within major 1.
func TestCompatibleWithLastRelease(t *testing.T) {
	old := loadDoc(t, filepath.Join("releases", "v1.0.0.json"))
	cur := loadDoc(t, filepath.Join("docs", "openapi3.json"))
	if b := breaks(old, cur); len(b) > 0 {
		t.Errorf("breaking changes since %s (a major version, or put them back):\n%q", old.Info.Version, b)
	}
	ov, cv := "v"+old.Info.Version, "v"+cur.Info.Version
	if semver.Compare(cv, ov) <= 0 || semver.Major(cv) != semver.Major(ov) {
		t.Errorf("version %s after %s: want a later 1.x", cur.Info.Version, old.Info.Version)
	}
}

// TestBreaksFindsBreakingChanges runs the gate backwards — 1.1.0 "released",
// 1.0.0 as the new one — where /tags and visibility disappear; and on one
// request property made required.
func TestBreaksFindsBreakingChanges(t *testing.T) {
	v100 := loadDoc(t, filepath.Join("releases", "v1.0.0.json"))
	v110 := loadDoc(t, filepath.Join("docs", "openapi3.json"))
	want := []string{
		"GET /bookmarks 200.bookmarks[]: property \"visibility\" was removed",
		"GET /bookmarks/{id} 200: property \"visibility\" was removed",
		"GET /tags was removed",
		"POST /bookmarks 201: property \"visibility\" was removed",
	}
	if got := breaks(v110, v100); !slices.Equal(got, want) {
		t.Errorf("breaks(1.1.0 → 1.0.0) =\n%q\nwant\n%q", got, want)
	}
	stricter := loadDoc(t, filepath.Join("docs", "openapi3.json"))
	nb := stricter.Components.Schemas["NewBookmark"].Value
	nb.Required = append(nb.Required, "tags")
	if got := breaks(v110, stricter); !slices.Equal(got, []string{`POST /bookmarks: request property "tags" became required`}) {
		t.Errorf("breaks(tags required) = %q", got)
	}
}
