package main

import (
	"context"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHistogramPercentilesWithinOneBucket(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var h histogram
	var exact []time.Duration
	for range 10000 {
		d := time.Duration(r.ExpFloat64() * float64(3*time.Millisecond))
		h.record(d)
		exact = append(exact, d)
	}
	slices.Sort(exact)
	for _, p := range []float64{50, 95, 99, 100} {
		rank := int(float64(len(exact))*p/100+0.999999999) - 1
		want := exact[rank]
		got := h.percentile(p)
		if want > time.Second {
			continue
		}
		if got < want || got-want > histWidth {
			t.Errorf("p%v = %s, exact %s: want within one %s bucket above", p, got, want, histWidth)
		}
	}
	var empty histogram
	if empty.percentile(50) != 0 {
		t.Error("percentile of an empty histogram should be 0")
	}
	h.record(3 * time.Second)
	if h.percentile(100) != 3*time.Second {
		t.Errorf("p100 with an overflow sample = %s, want the max, 3s", h.percentile(100))
	}
}

func TestParseLoadConfig(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		wantErr bool
	}{
		{nil, false},
		{[]string{"-url", "http://localhost:1/x"}, false},
		{[]string{"-url", "http://[::1]:1/x"}, false},
		{[]string{"-url", "http://example.com/"}, true},
		{[]string{"-url", "http://10.0.0.1/"}, true},
		{[]string{"-url", "ftp://127.0.0.1/"}, true},
		{[]string{"-n", "0"}, true},
		{[]string{"-n", "2000000"}, true},
		{[]string{"-c", "0"}, true},
		{[]string{"-c", "1000"}, true},
		{[]string{"-duration", "1h"}, true},
		{[]string{"-method", "DELETE"}, true},
	} {
		_, err := parseLoadConfig(tc.args, io.Discard)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseLoadConfig(%q) error = %v, want error %v", tc.args, err, tc.wantErr)
		}
	}
}

func TestRunLoadThroughTheBalancer(t *testing.T) {
	_, base := startCluster(t, testConfig())
	cfg := loadConfig{url: base + "/work", method: "POST", requests: 300, concurrency: 6, duration: 20 * time.Second, body: "x"}
	res := runLoad(context.Background(), cfg, newClient())
	if res.sent != 300 || res.failed != 0 || res.hist.n != 300 {
		t.Errorf("sent %d failed %d recorded %d, want 300, 0, 300", res.sent, res.failed, res.hist.n)
	}
	for _, name := range []string{"app-1", "app-2", "app-3"} {
		if res.byBackend[name] != 100 {
			t.Errorf("round-robin gave %s %d of 300, want 100", name, res.byBackend[name])
		}
	}
	var out strings.Builder
	res.report(&out, cfg.concurrency)
	for _, want := range []string{"| 300 | 300 | 0 |", "app-1=100", "Little's law"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
