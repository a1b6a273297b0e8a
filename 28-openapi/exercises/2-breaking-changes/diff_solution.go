//go:build solution

package breakingchanges

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Diff lists every change from old to new (in any order). It returns an
// error when an operation key is not "METHOD /path".
func Diff(old, new Spec) ([]Change, error) {
	for _, s := range []Spec{old, new} {
		for key := range s.Operations {
			if !validKey(key) {
				return nil, fmt.Errorf("operation key %q is not \"METHOD /path\"", key)
			}
		}
	}
	d := &differ{}
	for key, o := range old.Operations {
		n, ok := new.Operations[key]
		if !ok {
			d.add(OperationRemoved, key, "", "", true)
			continue
		}
		d.operation(key, o, n)
	}
	for key := range new.Operations {
		if _, ok := old.Operations[key]; !ok {
			d.add(OperationAdded, key, "", "", false)
		}
	}
	return d.changes, nil
}

func validKey(key string) bool {
	method, path, ok := strings.Cut(key, " ")
	if !ok || method == "" || !strings.HasPrefix(path, "/") {
		return false
	}
	return strings.ToUpper(method) == method
}

type differ struct{ changes []Change }

func (d *differ) add(kind Kind, op, in, pointer string, breaking bool) {
	d.changes = append(d.changes, Change{Kind: kind, Op: op, In: in, Pointer: pointer, Breaking: breaking})
}

func (d *differ) operation(key string, o, n Operation) {
	for _, np := range n.Parameters {
		i := slices.IndexFunc(o.Parameters, func(p Parameter) bool { return p.In == np.In && p.Name == np.Name })
		if i < 0 {
			if np.Required {
				d.add(ParameterRequired, key, np.In, np.Name, true)
			} else {
				d.add(ParameterAdded, key, np.In, np.Name, false)
			}
			continue
		}
		op := o.Parameters[i]
		if np.Required && !op.Required {
			d.add(ParameterRequired, key, np.In, np.Name, true)
		}
		if op.Type != np.Type {
			d.add(TypeChanged, key, np.In, np.Name, true)
			continue
		}
		d.enum(key, np.In, np.Name, op.Enum, np.Enum, true)
	}
	if o.Request != nil {
		d.schema(key, "request", "", o.Request, n.Request, true)
	}
	for status, os := range o.Responses {
		ns, ok := n.Responses[status]
		in := "response " + strconv.Itoa(status)
		if !ok {
			d.add(ResponseRemoved, key, in, "", true)
			continue
		}
		if os != nil {
			d.schema(key, in, "", os, ns, false)
		}
	}
}

// enum compares two value lists; sent says whether clients send the value
// (a request or parameter) or receive it (a response). An empty list
// allows every value.
func (d *differ) enum(op, in, pointer string, o, n []string, sent bool) {
	removed := len(o) == 0 && len(n) > 0
	for _, v := range o {
		if len(n) > 0 && !slices.Contains(n, v) {
			removed = true
		}
	}
	added := len(o) > 0 && len(n) == 0
	for _, v := range n {
		if len(o) > 0 && !slices.Contains(o, v) {
			added = true
		}
	}
	if removed {
		d.add(EnumNarrowed, op, in, pointer, sent)
	}
	if added {
		d.add(EnumWidened, op, in, pointer, !sent)
	}
}

// schema compares a body's schema o (never nil) with n at pointer.
func (d *differ) schema(op, in, pointer string, o, n *Schema, request bool) {
	if n == nil || o.Type != n.Type {
		d.add(TypeChanged, op, in, pointer, true)
		return
	}
	d.enum(op, in, pointer, o.Enum, n.Enum, request)
	if o.Items != nil && n.Items != nil {
		d.schema(op, in, pointer+"/*", o.Items, n.Items, request)
	}
	for name, os := range o.Properties {
		p := pointer + "/" + escape(name)
		ns, ok := n.Properties[name]
		switch {
		case !ok && !request:
			d.add(ResponseFieldRemoved, op, in, p, true)
		case !ok:
			// A request member the new version no longer reads is not reported.
		default:
			if request && slices.Contains(n.Required, name) && !slices.Contains(o.Required, name) {
				d.add(RequestFieldRequired, op, in, p, true)
			}
			d.schema(op, in, p, os, ns, request)
		}
	}
	for name := range n.Properties {
		if _, ok := o.Properties[name]; ok {
			continue
		}
		p := pointer + "/" + escape(name)
		if request && slices.Contains(n.Required, name) {
			d.add(RequestFieldRequired, op, in, p, true)
		} else {
			d.add(FieldAdded, op, in, p, false)
		}
	}
}

func escape(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}
