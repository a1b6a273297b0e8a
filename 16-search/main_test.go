package main

import (
	"errors"
	"flag"
	"io"
	"testing"
)

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, config{addr: "127.0.0.1:8016", esIndex: "articles", logFormat: "text"}, false},
		{"env", nil, map[string]string{"ELASTICSEARCH_URL": "http://es:9200", "INDEX_PATH": "/tmp/i", "LOG_FORMAT": "json"},
			config{addr: "127.0.0.1:8016", esURL: "http://es:9200", esIndex: "articles", indexPath: "/tmp/i", logFormat: "json"}, false},
		{"flag wins", []string{"-addr", ":0"}, map[string]string{"ADDR": "x"}, config{addr: ":0", esIndex: "articles", logFormat: "text"}, false},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, true},
		{"empty index", []string{"-elasticsearch-index", ""}, nil, config{}, true},
		{"stray argument", []string{"x"}, nil, config{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("parseConfig = %+v, %v; want %+v, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, func(string) string { return "" }, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
