package breakingchanges

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// v1 is a fresh copy of the bookmarks API as released: each test changes
// its own copy.
func v1() Spec {
	bookmark := func() *Schema {
		return &Schema{Type: "object", Required: []string{"id", "url", "visibility"}, Properties: map[string]*Schema{
			"id":         {Type: "integer"},
			"url":        {Type: "string"},
			"tags":       {Type: "array", Items: &Schema{Type: "string"}},
			"visibility": {Type: "string", Enum: []string{"public", "private"}},
		}}
	}
	return Spec{Operations: map[string]Operation{
		"GET /bookmarks": {
			Parameters: []Parameter{{Name: "limit", In: "query", Type: "integer"}, {Name: "sort", In: "query", Type: "string", Enum: []string{"new", "old"}}},
			Responses: map[int]*Schema{
				200: {Type: "object", Properties: map[string]*Schema{"bookmarks": {Type: "array", Items: bookmark()}}},
				400: {Type: "object"},
			},
		},
		"POST /bookmarks": {
			Request: &Schema{Type: "object", Required: []string{"url"}, Properties: map[string]*Schema{
				"url":        {Type: "string"},
				"title":      {Type: "string"},
				"visibility": {Type: "string", Enum: []string{"public", "private"}},
				"kind":       {Type: "string", Enum: []string{"link"}},
				"extra":      {Type: "array"},
				"labels":     {Type: "array", Items: &Schema{Type: "object", Properties: map[string]*Schema{"name": {Type: "string"}}}},
			}},
			Responses: map[int]*Schema{201: bookmark(), 422: {Type: "object"}},
		},
		"GET /bookmarks/{id}": {
			Parameters: []Parameter{{Name: "id", In: "path", Required: true, Type: "integer"}},
			Responses:  map[int]*Schema{200: bookmark(), 404: nil},
		},
		"DELETE /bookmarks/{id}": {
			Parameters: []Parameter{{Name: "id", In: "path", Required: true, Type: "integer"}},
			Responses:  map[int]*Schema{204: nil},
		},
	}}
}

func show(cs []Change) string {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b Change) int {
		return cmp.Or(strings.Compare(a.Op, b.Op), strings.Compare(a.In, b.In), strings.Compare(a.Pointer, b.Pointer), strings.Compare(string(a.Kind), string(b.Kind)))
	})
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\n  %s | %s | %s | %q breaking=%v", c.Kind, c.Op, c.In, c.Pointer, c.Breaking)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

type ch = Change

func TestDiff(t *testing.T) {
	get, post, one := "GET /bookmarks", "POST /bookmarks", "GET /bookmarks/{id}"
	tests := []struct {
		name   string
		change func(s *Spec)
		want   []Change
	}{
		{"no change", func(*Spec) {}, nil},
		{"operation removed", func(s *Spec) { delete(s.Operations, "DELETE /bookmarks/{id}") },
			[]ch{{OperationRemoved, "DELETE /bookmarks/{id}", "", "", true}}},
		{"operation added", func(s *Spec) {
			s.Operations["GET /tags"] = Operation{Responses: map[int]*Schema{200: {Type: "object"}}}
		},
			[]ch{{OperationAdded, "GET /tags", "", "", false}}},
		{"a method is its own operation", func(s *Spec) {
			s.Operations["PUT /bookmarks/{id}"] = s.Operations["DELETE /bookmarks/{id}"]
			delete(s.Operations, "DELETE /bookmarks/{id}")
		}, []ch{{OperationRemoved, "DELETE /bookmarks/{id}", "", "", true}, {OperationAdded, "PUT /bookmarks/{id}", "", "", false}}},
		{"response removed", func(s *Spec) { delete(s.Operations[one].Responses, 404) },
			[]ch{{ResponseRemoved, one, "response 404", "", true}}},
		{"response with a body removed", func(s *Spec) { delete(s.Operations[post].Responses, 201) },
			[]ch{{ResponseRemoved, post, "response 201", "", true}}},
		{"response field removed", func(s *Spec) { delete(s.Operations[one].Responses[200].Properties, "tags") },
			[]ch{{ResponseFieldRemoved, one, "response 200", "/tags", true}}},
		{"response field removed inside an array", func(s *Spec) {
			delete(s.Operations[get].Responses[200].Properties["bookmarks"].Items.Properties, "url")
		}, []ch{{ResponseFieldRemoved, get, "response 200", "/bookmarks/*/url", true}}},
		{"response field added", func(s *Spec) {
			r := s.Operations[one].Responses[200]
			r.Properties["createdAt"] = &Schema{Type: "string"}
			r.Required = append(r.Required, "createdAt")
		}, []ch{{FieldAdded, one, "response 200", "/createdAt", false}}},
		{"optional request field added", func(s *Spec) { s.Operations[post].Request.Properties["notes"] = &Schema{Type: "string"} },
			[]ch{{FieldAdded, post, "request", "/notes", false}}},
		{"required request field added", func(s *Spec) {
			r := s.Operations[post].Request
			r.Properties["folder"] = &Schema{Type: "string"}
			r.Required = append(r.Required, "folder")
		}, []ch{{RequestFieldRequired, post, "request", "/folder", true}}},
		{"request field made required", func(s *Spec) {
			r := s.Operations[post].Request
			r.Required = append(r.Required, "title")
		}, []ch{{RequestFieldRequired, post, "request", "/title", true}}},
		{"request field made optional", func(s *Spec) { s.Operations[post].Request.Required = nil }, nil},
		{"request field removed is not reported", func(s *Spec) { delete(s.Operations[post].Request.Properties, "title") }, nil},
		{"nested request field added required", func(s *Spec) {
			l := s.Operations[post].Request.Properties["labels"].Items
			l.Properties["colour"] = &Schema{Type: "string"}
			l.Required = []string{"colour"}
		}, []ch{{RequestFieldRequired, post, "request", "/labels/*/colour", true}}},
		{"response type changed", func(s *Spec) { s.Operations[one].Responses[200].Properties["id"].Type = "string" },
			[]ch{{TypeChanged, one, "response 200", "/id", true}}},
		{"request type changed", func(s *Spec) { s.Operations[post].Request.Properties["title"] = &Schema{Type: "object"} },
			[]ch{{TypeChanged, post, "request", "/title", true}}},
		{"a type change hides what is below it", func(s *Spec) {
			s.Operations[get].Responses[200].Properties["bookmarks"] = &Schema{Type: "object"}
		}, []ch{{TypeChanged, get, "response 200", "/bookmarks", true}}},
		{"array items type changed", func(s *Spec) { s.Operations[one].Responses[200].Properties["tags"].Items.Type = "integer" },
			[]ch{{TypeChanged, one, "response 200", "/tags/*", true}}},
		{"items that lose their schema are not compared", func(s *Spec) { s.Operations[one].Responses[200].Properties["tags"].Items = nil }, nil},
		{"items that gain a schema are not compared", func(s *Spec) { s.Operations[post].Request.Properties["extra"].Items = &Schema{Type: "string"} }, nil},
		{"response body gone", func(s *Spec) { s.Operations[one].Responses[200] = nil },
			[]ch{{TypeChanged, one, "response 200", "", true}}},
		{"request body gone", func(s *Spec) {
			op := s.Operations[post]
			op.Request = nil
			s.Operations[post] = op
		}, []ch{{TypeChanged, post, "request", "", true}}},
		{"response body added where there was none", func(s *Spec) { s.Operations[one].Responses[404] = &Schema{Type: "object"} }, nil},
		{"request enum narrowed", func(s *Spec) { s.Operations[post].Request.Properties["visibility"].Enum = []string{"public"} },
			[]ch{{EnumNarrowed, post, "request", "/visibility", true}}},
		{"request enum widened", func(s *Spec) {
			s.Operations[post].Request.Properties["visibility"].Enum = []string{"public", "private", "team"}
		}, []ch{{EnumWidened, post, "request", "/visibility", false}}},
		{"response enum narrowed", func(s *Spec) { s.Operations[one].Responses[200].Properties["visibility"].Enum = []string{"private"} },
			[]ch{{EnumNarrowed, one, "response 200", "/visibility", false}}},
		{"response enum widened", func(s *Spec) {
			s.Operations[one].Responses[200].Properties["visibility"].Enum = []string{"public", "private", "team"}
		}, []ch{{EnumWidened, one, "response 200", "/visibility", true}}},
		{"enum replaced: both", func(s *Spec) { s.Operations[post].Request.Properties["visibility"].Enum = []string{"public", "team"} },
			[]ch{{EnumNarrowed, post, "request", "/visibility", true}, {EnumWidened, post, "request", "/visibility", false}}},
		{"a one-value enum widened", func(s *Spec) { s.Operations[post].Request.Properties["kind"].Enum = []string{"link", "note"} },
			[]ch{{EnumWidened, post, "request", "/kind", false}}},
		{"a one-value enum dropped", func(s *Spec) { s.Operations[post].Request.Properties["kind"].Enum = nil },
			[]ch{{EnumWidened, post, "request", "/kind", false}}},
		{"a one-value enum replaced", func(s *Spec) { s.Operations[post].Request.Properties["kind"].Enum = []string{"note"} },
			[]ch{{EnumNarrowed, post, "request", "/kind", true}, {EnumWidened, post, "request", "/kind", false}}},
		{"enum reordered", func(s *Spec) {
			s.Operations[post].Request.Properties["visibility"].Enum = []string{"private", "public"}
		}, nil},
		{"enum dropped allows every value", func(s *Spec) { s.Operations[post].Request.Properties["visibility"].Enum = nil },
			[]ch{{EnumWidened, post, "request", "/visibility", false}}},
		{"enum imposed on a free string", func(s *Spec) { s.Operations[post].Request.Properties["title"].Enum = []string{"a"} },
			[]ch{{EnumNarrowed, post, "request", "/title", true}}},
		{"response enum imposed", func(s *Spec) { s.Operations[one].Responses[200].Properties["url"].Enum = []string{"a"} },
			[]ch{{EnumNarrowed, one, "response 200", "/url", false}}},
		{"required parameter added", func(s *Spec) {
			op := s.Operations[get]
			op.Parameters = append(op.Parameters, Parameter{Name: "X-Tenant", In: "header", Required: true, Type: "string"})
			s.Operations[get] = op
		}, []ch{{ParameterRequired, get, "header", "X-Tenant", true}}},
		{"optional parameter added", func(s *Spec) {
			op := s.Operations[get]
			op.Parameters = append(op.Parameters, Parameter{Name: "tag", In: "query", Type: "string"})
			s.Operations[get] = op
		}, []ch{{ParameterAdded, get, "query", "tag", false}}},
		{"a parameter of the same name elsewhere is new", func(s *Spec) {
			op := s.Operations[get]
			op.Parameters = append(op.Parameters, Parameter{Name: "limit", In: "header", Type: "integer"})
			s.Operations[get] = op
		}, []ch{{ParameterAdded, get, "header", "limit", false}}},
		{"parameter made required", func(s *Spec) { s.Operations[get].Parameters[0].Required = true },
			[]ch{{ParameterRequired, get, "query", "limit", true}}},
		{"parameter made optional", func(s *Spec) { s.Operations[one].Parameters[0].Required = false }, nil},
		{"parameter type changed", func(s *Spec) { s.Operations[get].Parameters[0].Type = "string" },
			[]ch{{TypeChanged, get, "query", "limit", true}}},
		{"a parameter type change hides its enum", func(s *Spec) {
			s.Operations[get].Parameters[1].Type = "integer"
			s.Operations[get].Parameters[1].Enum = nil
		}, []ch{{TypeChanged, get, "query", "sort", true}}},
		{"parameter enum narrowed", func(s *Spec) { s.Operations[get].Parameters[1].Enum = []string{"new"} },
			[]ch{{EnumNarrowed, get, "query", "sort", true}}},
		{"parameter enum widened", func(s *Spec) { s.Operations[get].Parameters[1].Enum = []string{"new", "old", "top"} },
			[]ch{{EnumWidened, get, "query", "sort", false}}},
		{"parameter removed is not reported", func(s *Spec) {
			op := s.Operations[get]
			op.Parameters = op.Parameters[1:]
			s.Operations[get] = op
		}, nil},
		{"names are escaped", func(s *Spec) {
			r := s.Operations[one].Responses[200]
			r.Properties["a/b~c"] = &Schema{Type: "string"}
			delete(r.Properties, "url")
		}, []ch{{FieldAdded, one, "response 200", "/a~1b~0c", false}, {ResponseFieldRemoved, one, "response 200", "/url", true}}},
		{"several at once", func(s *Spec) {
			delete(s.Operations, "DELETE /bookmarks/{id}")
			s.Operations[post].Request.Properties["notes"] = &Schema{Type: "string"}
			s.Operations[one].Responses[200].Properties["id"].Type = "string"
			s.Operations[get].Responses[200].Properties["bookmarks"].Items.Properties["visibility"].Enum = []string{"public", "private", "team"}
		}, []ch{
			{OperationRemoved, "DELETE /bookmarks/{id}", "", "", true},
			{EnumWidened, get, "response 200", "/bookmarks/*/visibility", true},
			{TypeChanged, one, "response 200", "/id", true},
			{FieldAdded, post, "request", "/notes", false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := v1()
			tc.change(&cur)
			got, err := Diff(v1(), cur)
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			if show(got) != show(tc.want) {
				t.Errorf("Diff(v1, v1 with %s) =%s\nwant%s", tc.name, show(got), show(tc.want))
			}
		})
	}
}

func TestDiffRejectsBadKeys(t *testing.T) {
	for _, key := range []string{"/bookmarks", "GET bookmarks", "get /bookmarks", " /bookmarks", "GET"} {
		bad := v1()
		bad.Operations[key] = Operation{}
		if _, err := Diff(v1(), bad); err == nil || strings.Contains(err.Error(), "not implemented") {
			t.Errorf("Diff(v1, spec with key %q) = %v, want an error for the key", key, err)
		}
		if _, err := Diff(bad, v1()); err == nil || strings.Contains(err.Error(), "not implemented") {
			t.Errorf("Diff(spec with key %q, v1) = %v, want an error for the key", key, err)
		}
	}
}
