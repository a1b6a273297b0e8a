//go:build solution

package hashring

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
)

type point struct {
	hash uint64
	node string
}

// Ring maps keys to nodes so that adding or removing a node moves few keys.
type Ring struct {
	points []point // sorted by hash
}

// New returns a ring of nodes, each placed at vnodes points.
func New(nodes []string, vnodes int) *Ring {
	vnodes = max(vnodes, 1)
	r := &Ring{}
	for _, n := range nodes {
		for i := range vnodes {
			r.points = append(r.points, point{Hash(n + "#" + strconv.Itoa(i)), n})
		}
	}
	slices.SortFunc(r.points, func(a, b point) int { return cmp.Compare(a.hash, b.hash) })
	return r
}

// Node returns the node owning key.
func (r *Ring) Node(key string) string {
	if len(r.points) == 0 {
		return ""
	}
	h := Hash(key)
	i := sort.Search(len(r.points), func(i int) bool { return r.points[i].hash >= h })
	if i == len(r.points) {
		i = 0
	}
	return r.points[i].node
}
