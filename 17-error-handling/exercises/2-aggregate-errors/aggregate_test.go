package aggregateerrors

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"testing"
)

var (
	errA = errors.New("a")
	errB = errors.New("b")
	errC = errors.New("c")
	errD = errors.New("d")
	errE = errors.New("e")
)

// leavesOf returns what err's Unwrap() []error gives, or fails.
func leavesOf(t *testing.T, err error) []error {
	t.Helper()
	m, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Join returned %T (%v), which has no Unwrap() []error", err, err)
	}
	return m.Unwrap()
}

func sameErrors(got, want []error) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestJoinIsNilWhenThereIsNothing(t *testing.T) {
	for name, err := range map[string]error{
		"no arguments":      Join(),
		"only nils":         Join(nil, nil),
		"an empty join":     Join(errors.Join(), errors.Join(nil)),
		"a join of nothing": Join(Join(nil), nil),
	} {
		if err != nil {
			// A typed nil (a nil *T in an error) lands here too: err != nil.
			t.Errorf("%s: Join = %#v, want nil", name, err)
		}
	}
}

func TestJoinFlattensInOrder(t *testing.T) {
	err := Join(errA, nil, errors.Join(errB, errors.Join(nil, errC)), fmt.Errorf("%w then %w", errD, errE))
	if got, want := leavesOf(t, err), []error{errA, errB, errC, errD, errE}; !sameErrors(got, want) {
		t.Errorf("leaves = %v, want %v (flattened, in order, nils gone)", got, want)
	}
	if got := err.Error(); got != "a\nb\nc\nd\ne" {
		t.Errorf("Error() = %q, want one leaf per line", got)
	}
	// Our own aggregate nested in another is flattened too.
	if got := leavesOf(t, Join(Join(errA, errB), Join(errC))); !sameErrors(got, []error{errA, errB, errC}) {
		t.Errorf("leaves of a join of joins = %v, want [a b c]", got)
	}
}

func TestJoinKeepsIsAndAs(t *testing.T) {
	field := &FieldError{Field: "title", Message: "is required"}
	err := Join(errA, fmt.Errorf("item 3: %w", errors.Join(fs.ErrNotExist, field)), ErrDuplicate)
	for _, target := range []error{errA, fs.ErrNotExist, ErrDuplicate} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(Join, %v) = false, want true", target)
		}
	}
	if errors.Is(err, errB) {
		t.Error("errors.Is(Join, b) = true for an error not in it")
	}
	if got, ok := errors.AsType[*FieldError](err); !ok || got != field {
		t.Errorf("errors.AsType[*FieldError](Join) = %v, %v; want the field error", got, ok)
	}
	if got := Join(errA).Error(); got != "a" || !errors.Is(Join(errA), errA) {
		t.Errorf("Join(a) = %q, want an error reading \"a\" that is a", got)
	}
}

func TestJoinDoesNotAliasItsArguments(t *testing.T) {
	errs := []error{errA, errB}
	err := Join(errs...)
	errs[0] = errC
	if got := leavesOf(t, err); !sameErrors(got, []error{errA, errB}) {
		t.Errorf("after the caller reused its slice the leaves are %v, want [a b]", got)
	}
}

func TestFlatten(t *testing.T) {
	wrappedJoin := fmt.Errorf("batch: %w", errors.Join(errA, errB)) // one %w: a leaf with its own context
	cases := []struct {
		name string
		err  error
		want []error
	}{
		{"nil", nil, nil},
		{"a leaf", errA, []error{errA}},
		{"a join", errors.Join(errA, errB), []error{errA, errB}},
		{"nested joins, nils", errors.Join(nil, errors.Join(errA, errors.Join(errB, nil)), errC), []error{errA, errB, errC}},
		{"several %w", fmt.Errorf("%w, %w", errA, errors.Join(errB, errC)), []error{errA, errB, errC}},
		{"a single-%w wrap is a leaf", wrappedJoin, []error{wrappedJoin}},
		{"a join holding a wrap", errors.Join(wrappedJoin, errC), []error{wrappedJoin, errC}},
		{"an empty join", errors.Join(nil), nil},
	}
	for _, tc := range cases {
		if got := Flatten(tc.err); !sameErrors(got, tc.want) {
			t.Errorf("Flatten(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCountByKind(t *testing.T) {
	err := errors.Join(
		&FieldError{"title", "is required"},
		fmt.Errorf("item 2: %w", errors.Join(&FieldError{"slug", "is empty"}, ErrDuplicate)),
		fmt.Errorf("save: %w", ErrStoreFailed),
		errA,
		&ItemError{Index: 5, Err: &FieldError{"body", "too long"}},
	)
	// item 2's wrap is one leaf, counted by the first kind in it (slug).
	want := map[Kind]int{Invalid: 3, Unavailable: 1, Other: 1}
	if got := CountByKind(err); !maps.Equal(got, want) {
		t.Errorf("CountByKind = %v, want %v", got, want)
	}
	// A leaf counts once, by the first kind in its chain.
	first := fmt.Errorf("import: %w", errors.Join(ErrDuplicate, &FieldError{"x", "y"}))
	if got := CountByKind(first); !maps.Equal(got, map[Kind]int{Conflict: 1}) {
		t.Errorf("CountByKind(one wrapped join) = %v, want map[conflict:1]", got)
	}
	if got := CountByKind(nil); len(got) != 0 {
		t.Errorf("CountByKind(nil) = %v, want nothing counted", got)
	}
}

func TestValidateBatch(t *testing.T) {
	items := []Article{{Slug: "ok"}, {Slug: "", Title: ""}, {Slug: "dup", Title: "T"}, {Slug: "fine", Title: "F"}, {Slug: "down", Title: "D"}}
	check := func(x Article) error {
		var errs []error
		if x.Slug == "" {
			errs = append(errs, &FieldError{"slug", "is required"})
		}
		if x.Title == "" {
			errs = append(errs, &FieldError{"title", "is required"})
		}
		switch x.Slug {
		case "dup":
			errs = append(errs, ErrDuplicate)
		case "down":
			errs = append(errs, fmt.Errorf("insert %q: %w", x.Slug, ErrStoreFailed))
		}
		return errors.Join(errs...)
	}
	err := ValidateBatch(items, check)
	leaves := leavesOf(t, err)
	wantIdx := []int{0, 1, 1, 2, 4} // item 0 has no title; item 3 is fine
	if len(leaves) != len(wantIdx) {
		t.Fatalf("ValidateBatch gave %d leaves (%v), want %d: every failure of every item", len(leaves), err, len(wantIdx))
	}
	for i, l := range leaves {
		ie, ok := l.(*ItemError)
		if !ok || ie.Index != wantIdx[i] {
			t.Errorf("leaf %d = %#v, want an *ItemError for item %d", i, l, wantIdx[i])
		}
	}
	if got := leaves[1].Error(); got != "item 1: slug: is required" {
		t.Errorf("leaf 1 = %q, want \"item 1: slug: is required\"", got)
	}
	if !errors.Is(err, ErrStoreFailed) || !errors.Is(err, ErrDuplicate) {
		t.Error("the batch error lost a sentinel")
	}
	if got, want := CountByKind(err), (map[Kind]int{Invalid: 3, Conflict: 1, Unavailable: 1}); !maps.Equal(got, want) {
		t.Errorf("CountByKind(batch) = %v, want %v", got, want)
	}
	if err := ValidateBatch(items[3:4], check); err != nil {
		t.Errorf("a clean batch gave %v, want nil", err)
	}
	if err := ValidateBatch(nil, check); err != nil {
		t.Errorf("an empty batch gave %v, want nil", err)
	}
}
