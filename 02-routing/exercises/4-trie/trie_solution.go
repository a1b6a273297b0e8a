//go:build solution

package trie

import (
	"fmt"
	"strings"
)

// Router matches paths against patterns such as "/articles/{slug}" and
// "/files/{path...}". Create one with New; it is not safe for concurrent
// Add, but any number of goroutines may Match once routes are added.
type Router struct {
	root *node
}

// node is one path segment position in the tree.
type node struct {
	static   map[string]*node // children by literal segment
	param    *node            // child for any one non-empty segment
	wildcard *route           // route whose last segment is {name...}
	route    *route           // route that ends exactly here
}

// route is a registered pattern: its name and, per segment, the variable
// name ("" for a literal segment).
type route struct {
	name  string
	names []string
	wild  bool // the last segment is {name...}
}

// New returns an empty router.
func New() *Router {
	return &Router{root: &node{}}
}

// Add registers pattern under name.
func (r *Router) Add(pattern, name string) error {
	if !strings.HasPrefix(pattern, "/") {
		return fmt.Errorf("%w: %q must start with /", ErrBadPattern, pattern)
	}
	segs := strings.Split(pattern[1:], "/")
	rt := &route{name: name, names: make([]string, len(segs))}
	n := r.root
	for i, seg := range segs {
		v, isVar, isWild, err := parseSegment(seg)
		if err != nil {
			return fmt.Errorf("%w: %q: %v", ErrBadPattern, pattern, err)
		}
		rt.names[i] = v
		switch {
		case isWild:
			if i != len(segs)-1 {
				return fmt.Errorf("%w: %q: {%s...} must be the last segment", ErrBadPattern, pattern, v)
			}
			if n.wildcard != nil {
				return fmt.Errorf("%w: %q clashes with route %q", ErrDuplicate, pattern, n.wildcard.name)
			}
			rt.wild = true
			n.wildcard = rt
			return nil
		case isVar:
			if n.param == nil {
				n.param = &node{}
			}
			n = n.param
		default:
			if n.static == nil {
				n.static = make(map[string]*node)
			}
			child, ok := n.static[seg]
			if !ok {
				child = &node{}
				n.static[seg] = child
			}
			n = child
		}
	}
	if n.route != nil {
		return fmt.Errorf("%w: %q clashes with route %q", ErrDuplicate, pattern, n.route.name)
	}
	n.route = rt
	return nil
}

// parseSegment classifies one pattern segment: a literal, {name} or
// {name...}.
func parseSegment(seg string) (name string, isVar, isWild bool, err error) {
	if !strings.ContainsAny(seg, "{}") {
		return "", false, false, nil
	}
	if !strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}") || strings.Count(seg, "{") != 1 || strings.Count(seg, "}") != 1 {
		return "", false, false, fmt.Errorf("segment %q mixes text and a variable", seg)
	}
	name = seg[1 : len(seg)-1]
	name, isWild = strings.CutSuffix(name, "...")
	if name == "" {
		return "", false, false, fmt.Errorf("segment %q has an empty name", seg)
	}
	return name, true, isWild, nil
}

// Match returns the name of the route that serves path and the values of
// its variables, or ok == false when no route matches.
func (r *Router) Match(path string) (name string, params map[string]string, ok bool) {
	if !strings.HasPrefix(path, "/") {
		return "", nil, false
	}
	segs := strings.Split(path[1:], "/")
	rt := r.root.match(segs, 0)
	if rt == nil {
		return "", nil, false
	}
	params = make(map[string]string)
	last := len(rt.names) - 1
	for i, v := range rt.names {
		switch {
		case v == "":
		case rt.wild && i == last:
			params[v] = strings.Join(segs[i:], "/")
		default:
			params[v] = segs[i]
		}
	}
	return rt.name, params, true
}

// match finds the route for segs[i:] below n, trying a literal child
// first, then a parameter, then a wildcard, and backing off to the next
// kind when a branch fails deeper down.
func (n *node) match(segs []string, i int) *route {
	if i == len(segs) {
		return n.route
	}
	if child, ok := n.static[segs[i]]; ok {
		if rt := child.match(segs, i+1); rt != nil {
			return rt
		}
	}
	if n.param != nil && segs[i] != "" {
		if rt := n.param.match(segs, i+1); rt != nil {
			return rt
		}
	}
	return n.wildcard
}
