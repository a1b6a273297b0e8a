package greet

import "testing"

// The learner "fixed" the failing tests by emptying them.

func TestGreet(t *testing.T) {}

func TestGreetEmpty(t *testing.T) {}
