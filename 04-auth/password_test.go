package main

import (
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	hash, err := hashPassword(testArgon2, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hashPassword() = %q, want a PHC argon2id string recording its parameters", hash)
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"", false},
	} {
		got, err := verifyPassword(hash, tc.password)
		if err != nil || got != tc.want {
			t.Errorf("verifyPassword(hash, %q) = %v, %v; want %v, nil", tc.password, got, err, tc.want)
		}
	}
	again, _ := hashPassword(testArgon2, "correct horse battery staple")
	if again == hash {
		t.Error("two hashes of one password are equal; the salt is not random")
	}
}

func TestVerifyPasswordRejectsMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plaintext", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=18$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if ok, err := verifyPassword(h, "x"); ok || err == nil {
			t.Errorf("verifyPassword(%q) = %v, %v; want false and an error", h, ok, err)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	weak, _ := hashPassword(testArgon2, "pw")
	if !needsRehash(weak, defaultArgon2) {
		t.Error("needsRehash(test-cost hash, defaultArgon2) = false, want true")
	}
	if needsRehash(weak, testArgon2) {
		t.Error("needsRehash(hash, its own parameters) = true, want false")
	}
}

// BenchmarkHashPasswordDefault measures the production cost; the README
// quotes its figure. Run: go test -run '^$' -bench HashPassword ./04-auth
func BenchmarkHashPasswordDefault(b *testing.B) {
	for b.Loop() {
		if _, err := hashPassword(defaultArgon2, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
