package backoffjitter

import (
	"testing"
	"time"
)

// top returns the largest value random may return: the ceiling itself.
func top(n int64) int64 { return n - 1 }

func TestCeilingDoublesUpToCap(t *testing.T) {
	p := Policy{Base: 100 * time.Millisecond, Cap: time.Second, MaxAttempts: 10}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000}
	for i, w := range want {
		d, dead, err := Next(p, i+1, top)
		if err != nil || dead || d != w*time.Millisecond {
			t.Errorf("Next(after %d failures) = %v, %v, %v; want %v, false, nil", i+1, d, dead, err, w*time.Millisecond)
		}
	}
}

func TestFullJitterUsesWholeRange(t *testing.T) {
	p := Policy{Base: 100 * time.Millisecond, Cap: time.Second, MaxAttempts: 10}
	var asked []int64
	d, _, err := Next(p, 3, func(n int64) int64 { asked = append(asked, n); return 7 })
	if err != nil || d != 7 {
		t.Fatalf("Next = %v, %v; want the random value 7ns", d, err)
	}
	if len(asked) != 1 || asked[0] != int64(400*time.Millisecond)+1 {
		t.Errorf("random was asked for %v, want one call with n = 400ms+1 (delay in [0, 400ms])", asked)
	}
	if d, _, _ := Next(p, 1, func(int64) int64 { return 0 }); d != 0 {
		t.Errorf("a zero draw gave %v, want 0 (full jitter starts at zero)", d)
	}
}

func TestDeadLetterAfterMaxAttempts(t *testing.T) {
	p := Policy{Base: time.Millisecond, Cap: time.Second, MaxAttempts: 3}
	for failed, wantDead := range map[int]bool{1: false, 2: false, 3: true, 4: true} {
		_, dead, err := Next(p, failed, top)
		if err != nil || dead != wantDead {
			t.Errorf("Next(after %d failures, max 3) dead = %v, %v; want %v", failed, dead, err, wantDead)
		}
	}
	if d, dead, err := Next(Policy{Base: time.Millisecond, Cap: time.Second, MaxAttempts: 1}, 1, top); !dead || d != 0 || err != nil {
		t.Errorf("MaxAttempts 1 after one failure = %v, %v, %v; want 0, true, nil", d, dead, err)
	}
}

func TestHugeAttemptCountDoesNotOverflow(t *testing.T) {
	p := Policy{Base: time.Second, Cap: time.Hour, MaxAttempts: 1 << 30}
	d, dead, err := Next(p, 200, top)
	if err != nil || dead || d != time.Hour {
		t.Errorf("Next(after 200 failures) = %v, %v, %v; want the cap, 1h", d, dead, err)
	}
}

func TestInvalidInput(t *testing.T) {
	ok := Policy{Base: time.Millisecond, Cap: time.Second, MaxAttempts: 3}
	for name, tc := range map[string]struct {
		p      Policy
		failed int
	}{
		"zero base":        {Policy{Cap: time.Second, MaxAttempts: 3}, 1},
		"cap below base":   {Policy{Base: time.Second, Cap: time.Millisecond, MaxAttempts: 3}, 1},
		"no attempts":      {Policy{Base: time.Millisecond, Cap: time.Second}, 1},
		"zero failures":    {ok, 0},
		"negative failure": {ok, -1},
	} {
		if d, dead, err := Next(tc.p, tc.failed, top); err == nil || d != 0 || dead {
			t.Errorf("%s: Next(%+v, %d) = %v, %v, %v; want 0, false, an error", name, tc.p, tc.failed, d, dead, err)
		}
	}
	if _, _, err := Next(Policy{Base: time.Second, Cap: time.Second, MaxAttempts: 1}, 1, top); err != nil {
		t.Errorf("cap equal to base is valid, got %v", err)
	}
	if d, _, err := Next(Policy{Base: 1, Cap: 4, MaxAttempts: 5}, 2, top); err != nil || d != 2 {
		t.Errorf("a 1ns base is valid: Next = %v, %v; want 2ns, nil", d, err)
	}
}
