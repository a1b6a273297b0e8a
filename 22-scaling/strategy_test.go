package main

import (
	"testing"
)

func backends(weights ...int) []*backend {
	var out []*backend
	for i, w := range weights {
		out = append(out, &backend{name: "app-" + itoa(i+1), weight: w})
	}
	return out
}

func TestRoundRobinTakesTurns(t *testing.T) {
	bs := backends(1, 1, 1)
	pick := roundRobin()
	var got string
	for range 7 {
		got += pick(bs).name[4:]
	}
	if got != "1231231" {
		t.Errorf("round-robin sequence = %s, want 1231231", got)
	}
	if pick(nil) != nil {
		t.Error("round-robin over no backends should be nil")
	}
}

func TestLeastConnectionsAvoidsTheBusyOne(t *testing.T) {
	bs := backends(1, 1)
	bs[0].active.Store(5)
	pick := leastConnections()
	for range 100 {
		if b := pick(bs); b != bs[1] {
			t.Fatalf("least-connections picked %s with 5 active over %s with 0", b.name, bs[1].name)
		}
	}
	if pick(bs[:1]) != bs[0] || pick(nil) != nil {
		t.Error("least-connections over one/no backend")
	}
}

func TestWeightedRandomFollowsWeights(t *testing.T) {
	bs := backends(3, 1)
	pick := weightedRandom()
	counts := map[string]int{}
	const n = 40000
	for range n {
		counts[pick(bs).name]++
	}
	// Expected 30000 / 10000; the standard deviation is about 87, so ±1000 never fails by chance.
	if c := counts["app-1"]; c < 29000 || c > 31000 {
		t.Errorf("weights 3:1 gave app-1 %d of %d, want about 30000", c, n)
	}
	if pick(nil) != nil {
		t.Error("weighted over no backends should be nil")
	}
}
