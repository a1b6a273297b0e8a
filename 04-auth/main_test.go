package main

import "testing"

func TestParseOptions(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	o, err := parseOptions(nil, env(nil))
	if err != nil || o.addr != "127.0.0.1:8004" || o.adminEmail != "admin@example.com" {
		t.Errorf("parseOptions(defaults) = %+v, %v; want addr 127.0.0.1:8004 and the default admin", o, err)
	}
	o, err = parseOptions([]string{"-addr", "127.0.0.1:9999"}, env(map[string]string{"ADDR": "127.0.0.1:7777"}))
	if err != nil || o.addr != "127.0.0.1:9999" {
		t.Errorf("parseOptions(-addr beats ADDR) = %q, %v; want 127.0.0.1:9999", o.addr, err)
	}
	if _, err := parseOptions(nil, env(map[string]string{"JWT_SECRET": "short"})); err == nil {
		t.Error("parseOptions(JWT_SECRET=short) error = nil, want an error about its length")
	}
}
