//go:build !solution

package hashring

// Ring maps keys to nodes so that adding or removing a node moves few keys.
type Ring struct{}

// New returns a ring of nodes, each placed at vnodes points (vnodes < 1 counts as 1).
// not implemented: edit exercises/2-hash-ring/ring.go
func New(nodes []string, vnodes int) *Ring { return &Ring{} }

// Node returns the node owning key: the first point clockwise from Hash(key),
// wrapping around; "" on an empty ring.
func (r *Ring) Node(key string) string { return "" }
