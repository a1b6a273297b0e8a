package hashring

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

func nodes(n int) []string {
	var out []string
	for i := range n {
		out = append(out, "cache-"+strconv.Itoa(i))
	}
	return out
}

// balance places keys and returns max/mean and stddev/mean of the per-node counts.
func balance(r *Ring, ns []string, keys int) (maxOverMean, cv float64) {
	count := map[string]int{}
	for i := range keys {
		count[r.Node("key-"+strconv.Itoa(i))]++
	}
	mean := float64(keys) / float64(len(ns))
	var mx, sq float64
	for _, n := range ns {
		c := float64(count[n])
		mx = max(mx, c)
		sq += (c - mean) * (c - mean)
	}
	return mx / mean, math.Sqrt(sq/float64(len(ns))) / mean
}

// TestNodeIsTheNextPointClockwise checks ownership against a brute force over the points.
func TestNodeIsTheNextPointClockwise(t *testing.T) {
	ns := nodes(4)
	r := New(ns, 3)
	type pt struct {
		h uint64
		n string
	}
	var pts []pt
	for _, n := range ns {
		for i := range 3 {
			pts = append(pts, pt{Hash(n + "#" + strconv.Itoa(i)), n})
		}
	}
	slices.SortFunc(pts, func(a, b pt) int {
		if a.h < b.h {
			return -1
		}
		return 1
	})
	owner := func(h uint64) string {
		for _, p := range pts {
			if p.h >= h {
				return p.n
			}
		}
		return pts[0].n
	}
	for i := range 2000 {
		k := "k" + strconv.Itoa(i)
		if got, want := r.Node(k), owner(Hash(k)); got != want {
			t.Fatalf("Node(%q) = %q, want %q (points are Hash(node+\"#\"+i); edit exercises/2-hash-ring/ring.go)", k, got, want)
		}
	}
}

// TestKeyOnAPointBelongsToThatNode: a key hashing exactly onto a point is
// owned by that point ("at or after"), here by naming a key like a point.
func TestKeyOnAPointBelongsToThatNode(t *testing.T) {
	ns := nodes(10)
	r := New(ns, 5)
	for _, n := range ns {
		for i := range 5 {
			if got := r.Node(n + "#" + strconv.Itoa(i)); got != n {
				t.Errorf("Node(%q) = %q, want %q: a key on a point belongs to it", n+"#"+strconv.Itoa(i), got, n)
			}
		}
	}
}

func TestEmptyAndSingle(t *testing.T) {
	if got := New(nil, 10).Node("x"); got != "" {
		t.Errorf("empty ring Node = %q, want \"\"", got)
	}
	r := New([]string{"only"}, 0)
	for i := range 100 {
		if got := r.Node(strconv.Itoa(i)); got != "only" {
			t.Fatalf("one-node ring Node = %q, want only", got)
		}
	}
}

func TestRemovingANodeMovesOnlyItsKeys(t *testing.T) {
	ns := nodes(5)
	before, after := New(ns, 50), New(ns[:4], 50)
	moved := 0
	for i := range 10000 {
		k := "key-" + strconv.Itoa(i)
		b, a := before.Node(k), after.Node(k)
		if b != ns[4] && a != b {
			t.Fatalf("key %q moved from %s to %s though %s was the node removed", k, b, a, ns[4])
		}
		if a != b {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no key moved after removing a node")
	}
}

func TestVirtualNodesImproveBalance(t *testing.T) {
	for _, n := range []int{3, 5, 10} {
		ns := nodes(n)
		m1, _ := balance(New(ns, 1), ns, 20000)
		m100, _ := balance(New(ns, 100), ns, 20000)
		if m100 > 1.3 || m100 > m1-0.2 {
			t.Errorf("%d nodes: max/mean %.2f with 1 point, %.2f with 100 points; want at most 1.3 and clearly better", n, m1, m100)
		}
	}
}

// TestRingBalanceReport prints the table quoted in the chapter README
// (go test -run TestRingBalanceReport -v -tags solution).
func TestRingBalanceReport(t *testing.T) {
	for _, n := range []int{3, 5, 10} {
		ns := nodes(n)
		for _, v := range []int{1, 10, 100} {
			m, cv := balance(New(ns, v), ns, 100000)
			if m < 1 {
				t.Fatalf("%d nodes: max/mean %.2f < 1: keys were not all placed", n, m)
			}
			t.Logf("nodes=%2d vnodes=%3d  max/mean=%.3f  stddev/mean=%.3f", n, v, m, cv)
		}
	}
}
