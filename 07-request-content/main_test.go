package main

import "testing"

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	def := config{addr: "127.0.0.1:8007", maxBody: 1 << 20, maxUpload: 10 << 20, logFormat: "text"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, def, false},
		{"env", nil, map[string]string{"UPLOAD_DIR": "/srv/up", "MAX_UPLOAD_BYTES": "5"},
			config{addr: def.addr, uploadDir: "/srv/up", maxBody: def.maxBody, maxUpload: 5, logFormat: "text"}, false},
		{"flag beats env", []string{"-upload-dir", "./u"}, map[string]string{"UPLOAD_DIR": "/srv/up"},
			config{addr: def.addr, uploadDir: "./u", maxBody: def.maxBody, maxUpload: def.maxUpload, logFormat: "text"}, false},
		{"bad number", nil, map[string]string{"MAX_BODY_BYTES": "lots"}, config{}, true},
		{"zero limit", []string{"-max-body", "0"}, nil, config{}, true},
		{"bad log format", []string{"-log-format", "xml"}, nil, config{}, true},
	}
	for _, tc := range tests {
		got, err := parseConfig(tc.args, env(tc.env))
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("%s: parseConfig(%q) = %+v, %v; want %+v (error %v)", tc.name, tc.args, got, err, tc.want, tc.wantErr)
		}
	}
}
