package main

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/VictoriaMetrics/metricsql"
	"go.yaml.in/yaml/v3"
)

// ruleFile mirrors the Prometheus rule file format (the fields of
// prometheus/model/rulefmt), decoded strictly: an unknown or misspelt field
// fails the test as it would fail `promtool check rules`.
type ruleFile struct {
	Groups []struct {
		Name     string `yaml:"name"`
		Interval string `yaml:"interval"`
		Rules    []struct {
			Record        string            `yaml:"record"`
			Alert         string            `yaml:"alert"`
			Expr          string            `yaml:"expr"`
			For           string            `yaml:"for"`
			KeepFiringFor string            `yaml:"keep_firing_for"`
			Labels        map[string]string `yaml:"labels"`
			Annotations   map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// burnRates is the SRE workbook's table for a 30-day SLO: which share of the
// budget may burn within the long window before someone is told.
var burnRates = map[string]struct {
	budget      float64 // share of the 30-day budget
	long, short string
	severity    string
}{
	"FrontendErrorBudgetBurnFast":   {0.02, "1h", "5m", "page"},
	"FrontendErrorBudgetBurnSlow":   {0.05, "6h", "30m", "page"},
	"FrontendErrorBudgetBurnTicket": {0.10, "3d", "6h", "ticket"},
}

func window(s string) time.Duration {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, _ := time.ParseDuration(d + "h")
		return 24 * n
	}
	d, _ := time.ParseDuration(s)
	return d
}

// TestAlertRules parses the rule file, every expression with a PromQL
// parser, and checks that the alerts are the burn-rate alerts the comment
// derives, over metrics the server really exposes.
func TestAlertRules(t *testing.T) {
	raw, err := os.ReadFile("alerts/slo.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rf ruleFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&rf); err != nil {
		t.Fatalf("alerts/slo.rules.yml: %v", err)
	}

	// The metric names the server exposes, as Prometheus stores them.
	ts := startSystem(t, testConfig())
	ts.do(t, "GET", "/articles/observability-101", nil, nil)
	families, err := ts.sys.metrics.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exposed := map[string]bool{}
	for _, f := range families {
		for _, suffix := range []string{"", "_count", "_sum", "_bucket"} {
			exposed[f.GetName()+suffix] = true
		}
	}

	const slo = 0.999
	recorded := map[string]bool{}
	alerts := map[string]bool{}
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			if (r.Record == "") == (r.Alert == "") {
				t.Errorf("group %s: a rule needs exactly one of record and alert: %+v", g.Name, r)
				continue
			}
			e, err := metricsql.Parse(r.Expr)
			if err != nil {
				t.Errorf("%s%s: expr does not parse: %v", r.Record, r.Alert, err)
				continue
			}
			var names []string
			var thresholds []float64
			metricsql.VisitAll(e, func(x metricsql.Expr) {
				switch x := x.(type) {
				case *metricsql.MetricExpr:
					for _, lfs := range x.LabelFilterss {
						for _, lf := range lfs {
							if lf.Label == "__name__" {
								names = append(names, lf.Value)
							}
						}
					}
				case *metricsql.BinaryOpExpr:
					if n, ok := x.Right.(*metricsql.NumberExpr); ok && x.Op == ">" {
						thresholds = append(thresholds, n.N)
					}
				}
			})
			for _, n := range names {
				if !exposed[n] && !recorded[n] {
					t.Errorf("%s%s uses %s, which neither the server exposes nor an earlier rule records", r.Record, r.Alert, n)
				}
			}
			if r.Record != "" {
				recorded[r.Record] = true
				continue
			}
			alerts[r.Alert] = true
			want, ok := burnRates[r.Alert]
			if !ok {
				t.Errorf("unexpected alert %s", r.Alert)
				continue
			}
			rate := want.budget * (30 * 24 * time.Hour).Hours() / window(want.long).Hours()
			if len(thresholds) != 2 {
				t.Errorf("%s compares %d windows, want 2 (long and short)", r.Alert, len(thresholds))
			}
			for _, th := range thresholds {
				if math.Abs(th-rate*(1-slo)) > 1e-9 {
					t.Errorf("%s threshold %v, want burn rate %.1f × %.3f = %v", r.Alert, th, rate, 1-slo, rate*(1-slo))
				}
			}
			wantNames := []string{"slo:frontend_errors:ratio_rate" + want.long, "slo:frontend_errors:ratio_rate" + want.short}
			if strings.Join(names, " ") != strings.Join(wantNames, " ") {
				t.Errorf("%s windows %v, want %v", r.Alert, names, wantNames)
			}
			if r.Labels["severity"] != want.severity || r.Annotations["summary"] == "" || r.For == "" {
				t.Errorf("%s: severity %q (want %s), summary %q, for %q", r.Alert, r.Labels["severity"], want.severity, r.Annotations["summary"], r.For)
			}
		}
	}
	for name := range burnRates {
		if !alerts[name] {
			t.Errorf("alert %s missing", name)
		}
	}
}
