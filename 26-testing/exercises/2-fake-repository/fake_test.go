package fakerepository

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// This file is the contract of Repository. It knows the fake only through
// newRepository: point that at another adapter (a PostgreSQL one, say) and
// the same tests hold it to the same behaviour.
var newRepository = func() Repository { return NewFake() }

const edit = "(edit exercises/2-fake-repository/fake.go)"

var ctx = context.Background()

func product(sku, name string) Product {
	return Product{SKU: sku, Name: name, PriceCents: 1999, Tags: []string{"new", "sale"}, Attributes: map[string]string{"colour": "red"}}
}

func equal(a, b Product) bool {
	return a.SKU == b.SKU && a.Name == b.Name && a.PriceCents == b.PriceCents &&
		slices.Equal(a.Tags, b.Tags) && maps.Equal(a.Attributes, b.Attributes)
}

func mustCreate(t *testing.T, r Repository, p Product) {
	t.Helper()
	if err := r.Create(ctx, p); err != nil {
		t.Fatalf("Create(%q) = %v, want nil %s", p.SKU, err, edit)
	}
}

func mustGet(t *testing.T, r Repository, sku string) Product {
	t.Helper()
	p, err := r.Get(ctx, sku)
	if err != nil {
		t.Fatalf("Get(%q) = %v, want the product %s", sku, err, edit)
	}
	return p
}

func TestCreateThenGet(t *testing.T) {
	r := newRepository()
	want := product("A-1", "Anvil")
	mustCreate(t, r, want)
	if got := mustGet(t, r, "A-1"); !equal(got, want) {
		t.Errorf("Get(A-1) = %+v, want %+v", got, want)
	}
	bare := Product{SKU: "B-1", Name: "Bare"} // nil Tags and Attributes are fine
	mustCreate(t, r, bare)
	if got := mustGet(t, r, "B-1"); !equal(got, bare) {
		t.Errorf("Get(B-1) = %+v, want %+v", got, bare)
	}
	if err := r.Create(ctx, Product{Name: "no SKU"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Create with an empty SKU = %v, want an error wrapping ErrInvalid", err)
	}
}

func TestDuplicateIsAConflict(t *testing.T) {
	r := newRepository()
	first := product("A-1", "Anvil")
	mustCreate(t, r, first)
	if err := r.Create(ctx, product("A-1", "Another anvil")); !errors.Is(err, ErrConflict) {
		t.Fatalf("second Create(A-1) = %v, want ErrConflict %s", err, edit)
	}
	if got := mustGet(t, r, "A-1"); !equal(got, first) {
		t.Errorf("after a conflict Get(A-1) = %+v, want the first product %+v", got, first)
	}
	if err := r.Create(ctx, product("a-1", "Lower-case SKU")); err != nil {
		t.Errorf("Create(a-1) = %v: SKUs are compared exactly, a-1 is not A-1", err)
	}
}

func TestUnknownSKUIsNotFound(t *testing.T) {
	r := newRepository()
	mustCreate(t, r, product("A-1", "Anvil"))
	if _, err := r.Get(ctx, "Z-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(Z-9) = %v, want ErrNotFound %s", err, edit)
	}
	if err := r.Update(ctx, product("Z-9", "Zither")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Update(Z-9) = %v, want ErrNotFound (Update never creates)", err)
	}
	if _, err := r.Get(ctx, "Z-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(Z-9) after a failed Update = %v, want ErrNotFound", err)
	}
	if err := r.Delete(ctx, "Z-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(Z-9) = %v, want ErrNotFound", err)
	}
}

func TestUpdateReplaces(t *testing.T) {
	r := newRepository()
	mustCreate(t, r, product("A-1", "Anvil"))
	mustCreate(t, r, product("B-1", "Bucket"))
	want := Product{SKU: "A-1", Name: "Heavy anvil", PriceCents: 4999, Tags: []string{"heavy"}}
	if err := r.Update(ctx, want); err != nil {
		t.Fatalf("Update(A-1) = %v, want nil %s", err, edit)
	}
	if got := mustGet(t, r, "A-1"); !equal(got, want) {
		t.Errorf("after Update, Get(A-1) = %+v, want %+v", got, want)
	}
	if got := mustGet(t, r, "B-1"); !equal(got, product("B-1", "Bucket")) {
		t.Errorf("Update(A-1) changed B-1: %+v", got)
	}
}

func TestDeleteRemovesAndFreesTheSKU(t *testing.T) {
	r := newRepository()
	mustCreate(t, r, product("A-1", "Anvil"))
	mustCreate(t, r, product("B-1", "Bucket"))
	if err := r.Delete(ctx, "A-1"); err != nil {
		t.Fatalf("Delete(A-1) = %v, want nil %s", err, edit)
	}
	if _, err := r.Get(ctx, "A-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(A-1) after Delete = %v, want ErrNotFound", err)
	}
	if err := r.Delete(ctx, "A-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete(A-1) = %v, want ErrNotFound", err)
	}
	mustGet(t, r, "B-1")
	mustCreate(t, r, product("A-1", "Anvil again"))
}

func TestListOrder(t *testing.T) {
	r := newRepository()
	all, err := r.List(ctx)
	if err != nil || all == nil || len(all) != 0 {
		t.Fatalf("List of an empty fake = %#v, %v; want an empty, non-nil slice %s", all, err, edit)
	}
	for _, p := range []Product{
		product("A-1", "Chisel"), product("B-3", "Bucket"), product("Z-1", "Anvil"),
		product("B-2", "Bucket"), product("C-9", "anvil"), product("B-1", "Bucket"),
	} {
		mustCreate(t, r, p)
	}
	all, err = r.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range all {
		got = append(got, p.Name+"/"+p.SKU)
	}
	want := []string{"Anvil/Z-1", "Bucket/B-1", "Bucket/B-2", "Bucket/B-3", "Chisel/A-1", "anvil/C-9"}
	if !slices.Equal(got, want) {
		t.Errorf("List() = %v, want %v (by Name, byte-wise, then SKU)", got, want)
	}
}

func TestCallersCannotChangeStoredValues(t *testing.T) {
	r := newRepository()
	in := product("A-1", "Anvil")
	want := product("A-1", "Anvil")
	mustCreate(t, r, in)
	in.Tags[0], in.Attributes["colour"] = "changed via Create's argument", "blue"

	got := mustGet(t, r, "A-1")
	if !equal(got, want) {
		t.Fatalf("changing the value passed to Create changed the stored product: %+v", got)
	}
	got.Tags[0], got.Attributes["colour"] = "changed via Get's result", "green"

	all, _ := r.List(ctx)
	if len(all) != 1 || !equal(all[0], want) {
		t.Fatalf("changing Get's result changed the stored product: List() = %+v", all)
	}
	all[0].Tags[1], all[0].Attributes["size"] = "changed via List's result", "XL"
	if got := mustGet(t, r, "A-1"); !equal(got, want) {
		t.Fatalf("changing List's result changed the stored product: %+v", got)
	}

	upd := product("A-1", "Anvil")
	if err := r.Update(ctx, upd); err != nil {
		t.Fatal(err)
	}
	upd.Tags[0], upd.Attributes["colour"] = "changed via Update's argument", "black"
	if got := mustGet(t, r, "A-1"); !equal(got, want) {
		t.Errorf("changing Update's argument changed the stored product: %+v", got)
	}
}

// Run with -race: a fake without a lock fails here as a data race, and a
// check-then-insert done in two critical sections stores a SKU twice.
func TestConcurrentUse(t *testing.T) {
	r := newRepository()
	var wg sync.WaitGroup
	var created, conflicts atomic.Int64
	for i := range 16 {
		wg.Go(func() {
			if err := r.Create(ctx, product(fmt.Sprintf("P-%d", i), "Part")); err != nil {
				t.Errorf("Create(P-%d) = %v", i, err)
			}
			switch err := r.Create(ctx, product("SAME", "Same")); {
			case err == nil:
				created.Add(1)
			case errors.Is(err, ErrConflict):
				conflicts.Add(1)
			default:
				t.Errorf("Create(SAME) = %v", err)
			}
			_ = r.Update(ctx, product("SAME", fmt.Sprintf("Same %d", i)))
			_, _ = r.Get(ctx, "SAME")
			_, _ = r.List(ctx)
		})
	}
	wg.Wait()
	if created.Load() != 1 || conflicts.Load() != 15 {
		t.Errorf("16 concurrent Create(SAME): %d succeeded, %d conflicts; want 1 and 15 %s", created.Load(), conflicts.Load(), edit)
	}
	if all, err := r.List(ctx); err != nil || len(all) != 17 {
		t.Errorf("after the concurrent creates List has %d products (%v), want 17", len(all), err)
	}
}

func TestCancelledContext(t *testing.T) {
	r := newRepository()
	mustCreate(t, r, product("A-1", "Anvil"))
	done, cancel := context.WithCancel(ctx)
	cancel()
	_, getErr := r.Get(done, "A-1")
	_, listErr := r.List(done)
	for name, err := range map[string]error{
		"Create": r.Create(done, product("B-1", "Bucket")),
		"Get":    getErr,
		"Update": r.Update(done, product("A-1", "Changed")),
		"Delete": r.Delete(done, "A-1"),
		"List":   listErr,
	} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v, want context.Canceled", name, err)
		}
	}
	if got := mustGet(t, r, "A-1"); !equal(got, product("A-1", "Anvil")) {
		t.Errorf("calls with a cancelled context changed the store: %+v", got)
	}
	if _, err := r.Get(ctx, "B-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Create with a cancelled context stored B-1 (Get = %v)", err)
	}
}
