package manifest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"strings"
	"testing"
)

func sha(body string) string {
	s := sha256.Sum256([]byte(body))
	return hex.EncodeToString(s[:])
}

// mac is the task's digest: HMAC-SHA256 under key of name, a NUL byte, and the secret.
func mac(key, name, secret string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(name + "\x00" + secret))
	return hex.EncodeToString(m.Sum(nil))
}

var build = Build{
	Module:   "workbook/27-twelve-factor",
	Version:  "v1.4.0",
	Revision: "47099d629f4ac2831ba3bec3b50eb7e2d1c17165",
	Deps:     map[string]string{"github.com/jackc/pgx/v5": "v5.12.0", "github.com/jackc/puddle/v2": "v2.2.3"},
}

func TestCanonicalBody(t *testing.T) {
	config := map[string]string{
		"PORT":     "8027",
		"GREETING": `say "hi" <b> & é ✓` + "\n\ttab",
		"ADDR":     "127.0.0.1:8027",
		"Z_LAST":   "",
		"a_lower":  "sorted after Z_LAST: bytes, not letters",
	}
	want := `{"build":{"deps":{"github.com/jackc/pgx/v5":"v5.12.0","github.com/jackc/puddle/v2":"v2.2.3"},"modified":false,"module":"workbook/27-twelve-factor","revision":"47099d629f4ac2831ba3bec3b50eb7e2d1c17165","version":"v1.4.0"},` +
		`"config":{"ADDR":"127.0.0.1:8027","GREETING":"say \"hi\" <b> & é ✓\n\ttab","PORT":"8027","Z_LAST":"","a_lower":"sorted after Z_LAST: bytes, not letters"}}`
	m, err := New(build, config, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(m.Body) != want {
		t.Errorf("Body =\n  %s\nwant\n  %s", m.Body, want)
	}
	if m.SHA256 != sha(want) {
		t.Errorf("SHA256 = %q, want %q (lowercase hex of the body's SHA-256)", m.SHA256, sha(want))
	}
	if !json.Valid(m.Body) {
		t.Errorf("Body is not valid JSON")
	}

	b := build
	b.Modified, b.Deps = true, nil
	m, err = New(b, nil, nil)
	want = `{"build":{"deps":{},"modified":true,"module":"workbook/27-twelve-factor","revision":"47099d629f4ac2831ba3bec3b50eb7e2d1c17165","version":"v1.4.0"},"config":{}}`
	if err != nil || string(m.Body) != want {
		t.Errorf("no deps, no config: Body = %s, %v\nwant %s", m.Body, err, want)
	}
}

var secretConfig = map[string]string{
	"DB_PASSWORD":           "hunter2",
	"api_key":               "k-123",
	"SESSION_TOKEN":         "tok",
	"AWS_SECRET_ACCESS_KEY": "wJalr",
	"SECRET":                "bare",
	"DATABASE_URL":          "postgres://app:pg-pass@db:5432/notes?sslmode=require",
	"REDIS_URL":             "redis://cache:6379/0",
	"AMQP_URL":              "amqp://guest@mq/",
	"PROXY":                 "//u:proxy-pw@proxy:3128",
	"MONKEY":                "not a secret",
	"KEY_ID":                "AKIA-public",
	"TOKENS_PER_MINUTE":     "60",
}

func TestSecretsBecomeHMACs(t *testing.T) {
	for _, key := range []string{"release-key", "k"} {
		t.Run(key, func(t *testing.T) { testSecretsBecomeHMACs(t, key) })
	}
}

func testSecretsBecomeHMACs(t *testing.T, key string) {
	m, err := New(build, secretConfig, []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Config map[string]string }
	if err := json.Unmarshal(m.Body, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"DB_PASSWORD":           "hmac-sha256:" + mac(key, "DB_PASSWORD", "hunter2"),
		"api_key":               "hmac-sha256:" + mac(key, "api_key", "k-123"),
		"SESSION_TOKEN":         "hmac-sha256:" + mac(key, "SESSION_TOKEN", "tok"),
		"AWS_SECRET_ACCESS_KEY": "hmac-sha256:" + mac(key, "AWS_SECRET_ACCESS_KEY", "wJalr"),
		"SECRET":                "hmac-sha256:" + mac(key, "SECRET", "bare"),
		"DATABASE_URL":          "postgres://app:hmac-" + mac(key, "DATABASE_URL", "pg-pass") + "@db:5432/notes?sslmode=require",
		"REDIS_URL":             "redis://cache:6379/0",
		"AMQP_URL":              "amqp://guest@mq/",
		"PROXY":                 "//u:hmac-" + mac(key, "PROXY", "proxy-pw") + "@proxy:3128",
		"MONKEY":                "not a secret",
		"KEY_ID":                "AKIA-public",
		"TOKENS_PER_MINUTE":     "60",
	}
	for k, v := range want {
		if got.Config[k] != v {
			t.Errorf("config %s = %q, want %q", k, got.Config[k], v)
		}
	}
	for _, secret := range []string{"hunter2", "k-123", "wJalr", "pg-pass", "proxy-pw", "bare", "release-key"} {
		if strings.Contains(string(m.Body), secret) {
			t.Errorf("the manifest shows %q:\n%s", secret, m.Body)
		}
	}
}

func TestSecretsWithoutKeyBecomeMarkers(t *testing.T) {
	for _, key := range [][]byte{nil, {}} {
		m, err := New(build, secretConfig, key)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Config map[string]string }
		_ = json.Unmarshal(m.Body, &got)
		for name, want := range map[string]string{
			"DB_PASSWORD":  Redacted,
			"api_key":      Redacted,
			"SECRET":       Redacted,
			"DATABASE_URL": "postgres://app:xxxxx@db:5432/notes?sslmode=require",
			"REDIS_URL":    "redis://cache:6379/0",
			"PROXY":        "//u:xxxxx@proxy:3128",
			"MONKEY":       "not a secret",
		} {
			if got.Config[name] != want {
				t.Errorf("key %v: config %s = %q, want %q", key, name, got.Config[name], want)
			}
		}
	}
}

func TestIsSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"PASSWORD": true, "DB_PASSWORD": true, "db_password": true, "Smtp_Password": true,
		"SECRET": true, "CLIENT_SECRET": true, "GITHUB_TOKEN": true, "API_KEY": true, "KEY": true,
		"AWS_SECRET_ACCESS_KEY": true, "A__KEY": true,
		"MONKEY": false, "KEY_ID": false, "PASSWORDLESS": false, "TOKENS": false, "SECRETARY": false,
		"DATABASE_URL": false, "PORT": false, "": false, "_": false, "KEYS": false,
	} {
		if got := IsSecretName(name); got != want {
			t.Errorf("IsSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestSameInputSameHash builds the same release many times (Go's map
// order differs each time) and from maps filled in different orders.
func TestSameInputSameHash(t *testing.T) {
	first, err := New(build, secretConfig, []byte("k"))
	if err != nil {
		t.Fatal(err)
	}
	for range 30 {
		reordered := map[string]string{}
		for _, k := range []string{"TOKENS_PER_MINUTE", "MONKEY", "DATABASE_URL"} {
			reordered[k] = secretConfig[k]
		}
		maps.Copy(reordered, secretConfig)
		b := build
		b.Deps = maps.Clone(build.Deps)
		m, err := New(b, reordered, []byte("k"))
		if err != nil || m.SHA256 != first.SHA256 || string(m.Body) != string(first.Body) {
			t.Fatalf("the same release gave %s, then %s", first.SHA256, m.SHA256)
		}
	}
	// nil and empty maps are the same release.
	a, _ := New(Build{Module: "m"}, nil, nil)
	b, _ := New(Build{Module: "m", Deps: map[string]string{}}, map[string]string{}, nil)
	if a.SHA256 != b.SHA256 {
		t.Errorf("nil and empty maps gave two hashes")
	}
}

func TestAnyChangeNewHash(t *testing.T) {
	type release struct {
		name   string
		build  Build
		config map[string]string
		key    string
	}
	with := func(f func(*Build)) Build {
		b := build
		b.Deps = maps.Clone(build.Deps)
		f(&b)
		return b
	}
	cfg := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	base := cfg("A", "1", "B", "2", "DB_PASSWORD", "hunter2")
	releases := []release{
		{"base", build, base, "k"},
		{"version", with(func(b *Build) { b.Version = "v1.4.1" }), base, "k"},
		{"revision", with(func(b *Build) { b.Revision = "0000000" }), base, "k"},
		{"module", with(func(b *Build) { b.Module = "workbook/27" }), base, "k"},
		{"modified", with(func(b *Build) { b.Modified = true }), base, "k"},
		{"dep version", with(func(b *Build) { b.Deps["github.com/jackc/pgx/v5"] = "v5.12.1" }), base, "k"},
		{"dep added", with(func(b *Build) { b.Deps["golang.org/x/text"] = "v0.42.0" }), base, "k"},
		{"dep removed", with(func(b *Build) { delete(b.Deps, "github.com/jackc/puddle/v2") }), base, "k"},
		{"dep renamed", with(func(b *Build) {
			b.Deps["github.com/jackc/pgx/v6"] = b.Deps["github.com/jackc/pgx/v5"]
			delete(b.Deps, "github.com/jackc/pgx/v5")
		}), base, "k"},
		{"value", build, cfg("A", "1", "B", "3", "DB_PASSWORD", "hunter2"), "k"},
		{"key renamed", build, cfg("A", "1", "C", "2", "DB_PASSWORD", "hunter2"), "k"},
		{"variable added", build, cfg("A", "1", "B", "2", "DB_PASSWORD", "hunter2", "D", ""), "k"},
		{"secret rotated", build, cfg("A", "1", "B", "2", "DB_PASSWORD", "hunter3"), "k"},
		{"other HMAC key", build, base, "k2"},
		{"quotes cannot forge a key", build, cfg("A", `1","B":"2`, "DB_PASSWORD", "hunter2"), "k"},
		{"lines cannot forge a key", build, cfg("A", "1\nB=2", "DB_PASSWORD", "hunter2"), "k"},
		{"equals cannot forge a key", build, cfg("A", "1,B=2", "DB_PASSWORD", "hunter2"), "k"},
		{"config moved into build", with(func(b *Build) { b.Deps["A"] = "1" }), cfg("B", "2", "DB_PASSWORD", "hunter2"), "k"},
	}
	seen := map[string]string{}
	for _, r := range releases {
		m, err := New(r.build, r.config, []byte(r.key))
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if other, ok := seen[m.SHA256]; ok {
			t.Errorf("%q and %q have the same hash %s", other, r.name, m.SHA256)
		}
		seen[m.SHA256] = r.name
	}
	// Without a key a rotated secret is the same marker: the same hash.
	a, _ := New(build, base, nil)
	b, _ := New(build, cfg("A", "1", "B", "2", "DB_PASSWORD", "hunter3"), nil)
	if a.SHA256 != b.SHA256 {
		t.Errorf("without a key, rotating a secret changed the hash; the marker should hide it")
	}
}

func TestRejectsWhatCannotBeCanonical(t *testing.T) {
	for name, tc := range map[string]struct {
		build  Build
		config map[string]string
	}{
		"value not UTF-8":      {build, map[string]string{"A": "\xff"}},
		"secret not UTF-8":     {build, map[string]string{"API_KEY": "ok\xfe"}},
		"name not UTF-8":       {build, map[string]string{"A\xff": "1"}},
		"empty name":           {build, map[string]string{"": "1"}},
		"name with =":          {build, map[string]string{"A=B": "1"}},
		"name with NUL":        {build, map[string]string{"A\x00": "1"}},
		"module not UTF-8":     {Build{Module: "m\xff"}, nil},
		"version not UTF-8":    {Build{Module: "m", Version: "v\xff"}, nil},
		"revision not UTF-8":   {Build{Module: "m", Revision: "\xc3"}, nil},
		"dep path not UTF-8":   {Build{Module: "m", Deps: map[string]string{"p\xff": "v1"}}, nil},
		"dep version not UTF8": {Build{Module: "m", Deps: map[string]string{"p": "v1\xff"}}, nil},
	} {
		m, err := New(tc.build, tc.config, []byte("k"))
		if err == nil || m.Body != nil || m.SHA256 != "" {
			t.Errorf("%s: New = %q, %v; want an error and no manifest (\\xff and \\xfe would both become U+FFFD: two inputs, one hash)", name, m.SHA256, err)
		}
	}
	// Valid UTF-8 beyond ASCII is fine, in every field.
	ok := Build{Module: "m/é", Version: "v✓", Revision: "ü", Deps: map[string]string{"p/ß": "v1-β"}}
	if _, err := New(ok, map[string]string{"GRÜSSE": "grüß dich", "API_KEY": "ключ"}, []byte("k")); err != nil {
		t.Errorf("New with valid non-ASCII input: %v", err)
	}
}
