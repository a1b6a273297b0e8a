package nearcache

import (
	"fmt"
	"testing"
	"time"
)

func TestBoundedWithExpiry(t *testing.T) {
	m := New[int](3)
	for i := range 10 {
		m.Set(fmt.Sprint(i), i, time.Hour)
		if m.Len() > 3 {
			t.Fatalf("after %d sets: %d entries, want at most 3", i+1, m.Len())
		}
	}
	if v, ok := m.Get("9"); !ok || v != 9 {
		t.Errorf("Get(the last set) = %d, %v; want 9, true", v, ok)
	}
	m.Set("9", 90, time.Hour) // replacing a key evicts nothing
	if m.Len() != 3 {
		t.Errorf("Len after replacing a key = %d, want 3", m.Len())
	}
	if v, _ := m.Get("9"); v != 90 {
		t.Errorf("Get after replace = %d, want 90", v)
	}
	m.Set("gone", 1, -time.Second)
	if _, ok := m.Get("gone"); ok {
		t.Error("an expired entry was returned")
	}
	if _, ok := m.Get("never"); ok {
		t.Error("a missing key was found")
	}
}
