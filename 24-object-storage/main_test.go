package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cfg, err := parseConfig(nil, env(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.addr != "127.0.0.1:8024" || cfg.store != "fs" || cfg.publicURL != "http://127.0.0.1:8024" || cfg.maxBytes != 256<<20 ||
		cfg.policy != (lifecyclePolicy{expireDays: 0, noncurrentDays: 30, coldDays: 30}) {
		t.Errorf("defaults = %+v", cfg)
	}
	cfg, err = parseConfig([]string{"-cold-days", "3"}, env("STORE", "s3", "S3_ENDPOINT", "h:9000", "S3_BUCKET", "b",
		"S3_ACCESS_KEY", "k", "S3_SECRET_KEY", "s", "S3_USE_SSL", "true", "EXPIRE_DAYS", "365"), io.Discard)
	if err != nil || cfg.store != "s3" || cfg.s3 != (s3Config{"h:9000", "b", "k", "s", true}) || cfg.policy.coldDays != 3 || cfg.policy.expireDays != 365 {
		t.Errorf("s3 from env = %+v, %v", cfg, err)
	}
	for _, c := range []struct {
		args []string
		env  []string
		want string
	}{
		{[]string{"-store", "ftp"}, nil, "store must be fs or s3"},
		{nil, []string{"STORE", "s3", "S3_ENDPOINT", "h:9000"}, "needs S3_ENDPOINT, S3_BUCKET"},
		{[]string{"-max-upload", "0"}, nil, "max upload must be positive"},
		{[]string{"-cold-days", "-1"}, nil, "must not be negative"},
		{nil, []string{"MAX_UPLOAD_BYTES", "lots"}, "MAX_UPLOAD_BYTES"},
		{nil, []string{"LIFECYCLE_EVERY", "soon"}, "LIFECYCLE_EVERY"},
		{nil, []string{"S3_USE_SSL", "maybe"}, "S3_USE_SSL"},
		{[]string{"-log-format", "xml"}, nil, "log format"},
		{[]string{"-lifecycle-every", "0s"}, nil, "lifecycle interval"},
	} {
		_, err := parseConfig(c.args, env(c.env...), io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseConfig(%v, %v) err = %v, want %q", c.args, c.env, err, c.want)
		}
	}
	if _, err := parseConfig([]string{"-h"}, env(), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h err = %v, want flag.ErrHelp", err)
	}
}
