package wiring

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const file = "(edit exercises/3-wiring/wiring.go)"

// log records what happens, in order.
type log struct{ events []string }

type fake struct {
	name              string
	log               *log
	startErr, stopErr error
	deps              map[string]Component
}

func (f *fake) Start(context.Context) error {
	f.log.events = append(f.log.events, "start "+f.name)
	return f.startErr
}

func (f *fake) Stop(context.Context) error {
	f.log.events = append(f.log.events, "stop "+f.name)
	return f.stopErr
}

// ctors returns a constructor per name; fail says which constructor,
// start or stop fails ("build store", "start store", "stop config").
func ctors(l *log, names []string, fail map[string]error) map[string]Constructor {
	m := map[string]Constructor{}
	for _, name := range names {
		m[name] = func(deps map[string]Component) (Component, error) {
			keys := make([]string, 0, len(deps))
			for k := range deps {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			l.events = append(l.events, fmt.Sprintf("build %s %v", name, keys))
			if err := fail["build "+name]; err != nil {
				return nil, err
			}
			return &fake{name: name, log: l, startErr: fail["start "+name], stopErr: fail["stop "+name], deps: deps}, nil
		}
	}
	return m
}

// shop: app needs store and cache; store needs config.
var shop = []Spec{
	{Name: "app", Needs: []string{"store", "cache"}},
	{Name: "cache"},
	{Name: "store", Needs: []string{"config"}},
	{Name: "config"},
}

func names(specs []Spec) []string {
	var out []string
	for _, s := range specs {
		out = append(out, s.Name)
	}
	return out
}

func wantEvents(t *testing.T, what string, l *log, want ...string) {
	t.Helper()
	if !slices.Equal(l.events, want) {
		t.Errorf("%s: events\n\t%s\nwant\n\t%s\n%s", what, strings.Join(l.events, "\n\t"), strings.Join(want, "\n\t"), file)
	}
	l.events = nil
}

func TestBuildStartStop(t *testing.T) {
	l := &log{}
	sys, err := Build(shop, ctors(l, names(shop), nil))
	if err != nil {
		t.Fatalf("Build(shop) = %v %s", err, file)
	}
	if got, want := sys.Order(), []string{"cache", "config", "store", "app"}; !slices.Equal(got, want) {
		t.Errorf("Order() = %v, want %v: dependencies first, else config order %s", got, want, file)
	}
	wantEvents(t, "Build", l, "build cache []", "build config []", "build store [config]", "build app [cache store]")
	if err := sys.Start(context.Background()); err != nil {
		t.Fatalf("Start = %v %s", err, file)
	}
	wantEvents(t, "Start", l, "start cache", "start config", "start store", "start app")
	if err := sys.Stop(context.Background()); err != nil {
		t.Fatalf("Stop = %v %s", err, file)
	}
	wantEvents(t, "Stop", l, "stop app", "stop store", "stop config", "stop cache")
	if err := sys.Stop(context.Background()); err != nil || len(l.events) != 0 {
		t.Errorf("a second Stop = %v with events %v; want nothing stopped twice %s", err, l.events, file)
	}
}

func TestConstructorsGetTheirDependencies(t *testing.T) {
	l := &log{}
	var app *fake
	cs := ctors(l, names(shop), nil)
	inner := cs["app"]
	cs["app"] = func(deps map[string]Component) (Component, error) {
		c, err := inner(deps)
		app, _ = c.(*fake)
		return c, err
	}
	if _, err := Build(shop, cs); err != nil {
		t.Fatalf("Build(shop) = %v %s", err, file)
	}
	if app == nil {
		t.Fatalf("the app's constructor was not called %s", file)
	}
	for _, n := range []string{"store", "cache"} {
		if f, ok := app.deps[n].(*fake); !ok || f.name != n {
			t.Errorf("app got deps[%q] = %v; want the built %s %s", n, app.deps[n], n, file)
		}
	}
}

// TestOrderTiesFollowTheConfig: among components ready to build, the one
// listed first goes first — even one that became ready later.
func TestOrderTiesFollowTheConfig(t *testing.T) {
	for _, tc := range []struct {
		specs []Spec
		want  []string
	}{
		{[]Spec{{Name: "b"}, {Name: "a"}, {Name: "c"}}, []string{"b", "a", "c"}},
		{[]Spec{{Name: "x"}, {Name: "a", Needs: []string{"x"}}, {Name: "b"}}, []string{"x", "a", "b"}},
		{[]Spec{{Name: "top", Needs: []string{"mid"}}, {Name: "mid", Needs: []string{"low"}}, {Name: "low"}, {Name: "side"}}, []string{"low", "mid", "top", "side"}},
		{nil, nil},
	} {
		sys, err := Build(tc.specs, ctors(&log{}, names(tc.specs), nil))
		if err != nil {
			t.Errorf("Build(%v) = %v %s", tc.specs, err, file)
			continue
		}
		if got := sys.Order(); !slices.Equal(got, tc.want) {
			t.Errorf("Build(%v).Order() = %v, want %v %s", tc.specs, got, tc.want, file)
		}
	}
}

func TestBadConfigs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		specs   []Spec
		ctors   []string
		want    error
		mention []string
	}{
		{"missing", []Spec{{Name: "app", Needs: []string{"db"}}, {Name: "cache"}}, []string{"app", "cache"}, ErrMissing, []string{"app", "db"}},
		{"cycle", []Spec{{Name: "delta"}, {Name: "alpha", Needs: []string{"beta"}}, {Name: "beta", Needs: []string{"gamma"}}, {Name: "gamma", Needs: []string{"alpha"}}}, []string{"alpha", "beta", "gamma", "delta"}, ErrCycle, []string{"alpha", "beta", "gamma"}},
		{"self", []Spec{{Name: "alpha", Needs: []string{"alpha"}}}, []string{"alpha"}, ErrCycle, []string{"alpha"}},
		{"duplicate", []Spec{{Name: "alpha"}, {Name: "alpha"}}, []string{"alpha"}, ErrDuplicate, []string{"alpha"}},
		{"no constructor", []Spec{{Name: "alpha"}, {Name: "beta"}}, []string{"alpha"}, ErrNoCtor, []string{"beta"}},
	} {
		l := &log{}
		sys, err := Build(tc.specs, ctors(l, tc.ctors, nil))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Build = %v, %v; want %v %s", tc.name, sys, err, tc.want, file)
			continue
		}
		for _, m := range tc.mention {
			if !strings.Contains(err.Error(), m) {
				t.Errorf("%s: error %q does not name %q %s", tc.name, err, m, file)
			}
		}
		if len(l.events) != 0 {
			t.Errorf("%s: constructors ran %v before the config was found bad %s", tc.name, l.events, file)
		}
	}
}

func TestConstructorFailure(t *testing.T) {
	l := &log{}
	boom := errors.New("no such file: /etc/store.conf")
	_, err := Build(shop, ctors(l, names(shop), map[string]error{"build store": boom}))
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "store") {
		t.Errorf("Build with a failing store constructor = %v; want it wrapped, naming store %s", err, file)
	}
	wantEvents(t, "a failing constructor", l, "build cache []", "build config []", "build store [config]")
}

func TestStartFailureRollsBack(t *testing.T) {
	l := &log{}
	boom, stuck := errors.New("port in use"), errors.New("config stuck")
	sys, err := Build(shop, ctors(l, names(shop), map[string]error{"start store": boom, "stop config": stuck}))
	if err != nil {
		t.Fatalf("Build = %v %s", err, file)
	}
	l.events = nil
	err = sys.Start(context.Background())
	if !errors.Is(err, boom) || !errors.Is(err, stuck) {
		t.Errorf("Start = %v; want the start failure and the rollback's stop failure %s", err, file)
	}
	wantEvents(t, "Start with store failing", l, "start cache", "start config", "start store", "stop config", "stop cache")
	if err := sys.Stop(context.Background()); err != nil || len(l.events) != 0 {
		t.Errorf("Stop after a failed Start = %v with events %v; want nothing left to stop %s", err, l.events, file)
	}
}

func TestStopStopsEveryOne(t *testing.T) {
	l := &log{}
	e1, e2 := errors.New("store flush failed"), errors.New("cache close failed")
	sys, err := Build(shop, ctors(l, names(shop), map[string]error{"stop store": e1, "stop cache": e2}))
	if err != nil {
		t.Fatalf("Build = %v %s", err, file)
	}
	if err := sys.Start(context.Background()); err != nil {
		t.Fatalf("Start = %v %s", err, file)
	}
	l.events = nil
	err = sys.Stop(context.Background())
	if !errors.Is(err, e1) || !errors.Is(err, e2) {
		t.Errorf("Stop = %v; want both stop failures joined %s", err, file)
	}
	wantEvents(t, "Stop with two failing", l, "stop app", "stop store", "stop config", "stop cache")
}

func TestOrderIsACopy(t *testing.T) {
	sys, err := Build(shop, ctors(&log{}, names(shop), nil))
	if err != nil {
		t.Fatalf("Build = %v %s", err, file)
	}
	sys.Order()[0] = "changed"
	if got := sys.Order(); len(got) == 0 || got[0] != "cache" {
		t.Errorf("changing Order()'s result changed the system: %v %s", got, file)
	}
}
