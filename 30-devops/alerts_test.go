package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/VictoriaMetrics/metricsql"
	"go.yaml.in/yaml/v3"
)

// ruleFile is the Prometheus rule file format (the fields of
// prometheus/model/rulefmt), decoded strictly as promtool would: an
// unknown or misspelt field is an error. Chapter 19 reads its SLO rules
// the same way.
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

// promDuration is Prometheus's duration syntax: units from ms to y.
var promDuration = regexp.MustCompile(`^(\d+(ms|s|m|h|d|w|y))+$`)

func TestAlertRules(t *testing.T) {
	raw, err := os.ReadFile("alerts/devops.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rf ruleFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&rf); err != nil {
		t.Fatalf("alerts/devops.rules.yml: %v", err)
	}
	runbook, err := os.ReadFile("RUNBOOK.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## (\S+)$`).FindAllStringSubmatch(string(runbook), -1) {
		anchors[strings.ToLower(m[1])] = true
	}
	seen := map[string]bool{}
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				t.Errorf("group %s: a rule without alert (this file holds alerts only): %+v", g.Name, r)
				continue
			}
			if seen[r.Alert] {
				t.Errorf("alert %s defined twice", r.Alert)
			}
			seen[r.Alert] = true
			if _, err := metricsql.Parse(r.Expr); err != nil {
				t.Errorf("%s: expr does not parse as PromQL: %v", r.Alert, err)
			}
			if !promDuration.MatchString(r.For) {
				t.Errorf("%s: for %q, want a duration (0m for at once, said on purpose)", r.Alert, r.For)
			}
			if s := r.Labels["severity"]; s != "page" && s != "ticket" {
				t.Errorf("%s: severity %q, want page or ticket", r.Alert, s)
			}
			if r.Annotations["summary"] == "" {
				t.Errorf("%s: no summary annotation", r.Alert)
			}
			file, anchor, _ := strings.Cut(r.Annotations["runbook_url"], "#")
			if file != "RUNBOOK.md" || !anchors[anchor] || anchor != strings.ToLower(r.Alert) {
				t.Errorf("%s: runbook_url %q, want RUNBOOK.md#%s with that section in RUNBOOK.md", r.Alert, r.Annotations["runbook_url"], strings.ToLower(r.Alert))
			}
		}
	}
	for _, want := range []string{"DevopsDemoDown", "DevopsDemoHighErrorRate", "DevopsDemoBackupStale", "DevopsDemoRolloutStuck"} {
		if !seen[want] {
			t.Errorf("alert %s missing", want)
		}
	}
	// And the parser is not a yes-man.
	if _, err := metricsql.Parse(`sum(rate(x[5m]) > `); err == nil {
		t.Error("metricsql accepted a broken expression")
	}
}
