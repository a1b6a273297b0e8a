package greet

import "testing"

func TestGreet(t *testing.T) {
	got, err := Greet("Ada")
	if err != nil || got != "Hello, Ada!" {
		t.Errorf("Greet(%q) = %q, %v, want %q, nil", "Ada", got, err, "Hello, Ada!")
	}
}

func TestGreetEmpty(t *testing.T) {
	if _, err := Greet(""); err == nil {
		t.Errorf("Greet(%q) returned no error, want one", "")
	}
}
