package main

import (
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

// memInputs are inputs over an in-memory environment and file system.
func memInputs(profile, file string, env, files, flags map[string]string) inputs {
	return inputs{
		profile: profile, file: file, flags: flags,
		getenv: func(k string) string { return env[k] },
		readFile: func(name string) ([]byte, error) {
			data, ok := files[name]
			if !ok {
				return nil, fs.ErrNotExist
			}
			return []byte(data), nil
		},
	}
}

func originOf(t *testing.T, l *loaded, name string) origin {
	t.Helper()
	for _, o := range l.origins {
		if o.key.name == name {
			return o
		}
	}
	t.Fatalf("no origin for %s", name)
	return origin{}
}

// TestPrecedence walks one key up the layers: each layer overrides the one
// below it, and the source says which one won.
func TestPrecedence(t *testing.T) {
	const file = "app.conf"
	cases := []struct {
		name       string
		fileText   string
		env, flags map[string]string
		want       string
		source     string
	}{
		{"default", "", nil, nil, "hello from dev", "default (dev)"},
		{"file over default", "# c\n\ngreeting = from file\n", nil, nil, "from file", "file app.conf:3"},
		{"env over file", "greeting = from file", map[string]string{"GREETING": "from env"}, nil, "from env", "env GREETING"},
		{"flag over env", "greeting = from file", map[string]string{"GREETING": "from env"}, map[string]string{"greeting": "from flag"}, "from flag", "flag -greeting"},
		{"flag over default", "", nil, map[string]string{"greeting": "from flag"}, "from flag", "flag -greeting"},
		{"empty env is unset", "greeting = from file", map[string]string{"GREETING": ""}, nil, "from file", "file app.conf:1"},
		{"spaces trimmed", "greeting   =   a b  ", nil, nil, "a b", "file app.conf:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := load(memInputs("dev", file, tc.env, map[string]string{file: tc.fileText}, tc.flags))
			if err != nil {
				t.Fatal(err)
			}
			if l.settings.Greeting != tc.want {
				t.Errorf("greeting = %q, want %q", l.settings.Greeting, tc.want)
			}
			if o := originOf(t, l, "greeting"); o.source != tc.source {
				t.Errorf("greeting's source = %q, want %q", o.source, tc.source)
			}
		})
	}
}

func TestTypedKeysAndProfiles(t *testing.T) {
	l, err := load(memInputs("dev", "", map[string]string{"LOG_LEVEL": "WARN", "COOKIE_SECURE": "true"}, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if l.settings.LogLevel != slog.LevelWarn || !l.settings.CookieSecure {
		t.Errorf("settings = %+v, want level WARN and cookie_secure", l.settings)
	}
	l, err = load(memInputs("staging", "", map[string]string{"DB_PASSWORD": "pw", "API_KEY": strings.Repeat("k", 32)}, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if o := originOf(t, l, "db_url"); o.source != "default (staging)" || !strings.Contains(o.text, "sslmode=require") {
		t.Errorf("staging db_url = %+v", o)
	}
	if _, err := load(memInputs("qa", "", nil, nil, nil)); err == nil {
		t.Error("an unknown profile loaded")
	}
}

// TestSecretFromFile: DB_PASSWORD_FILE names the file that holds the secret.
func TestSecretFromFile(t *testing.T) {
	files := map[string]string{"/run/secrets/db": "s3cret\n", "/crlf": "s3cret\r\n", "/two": "s3cret\n\n", "/empty": "\n"}
	for _, tc := range []struct {
		path, want string
	}{{"/run/secrets/db", "s3cret"}, {"/crlf", "s3cret"}, {"/two", "s3cret\n"}} {
		l, err := load(memInputs("dev", "", map[string]string{"DB_PASSWORD_FILE": tc.path}, files, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := l.settings.DBPassword.reveal(); got != tc.want {
			t.Errorf("DB_PASSWORD_FILE=%s: password %q, want %q (one trailing newline trimmed)", tc.path, got, tc.want)
		}
		if src := l.sourceOf("db_password"); src != "env DB_PASSWORD_FILE" {
			t.Errorf("source %q", src)
		}
	}
	for name, env := range map[string]map[string]string{
		"both set":     {"DB_PASSWORD": "a", "DB_PASSWORD_FILE": "/run/secrets/db"},
		"missing file": {"DB_PASSWORD_FILE": "/nope"},
		"empty file":   {"DB_PASSWORD_FILE": "/empty"},
	} {
		if _, err := load(memInputs("dev", "", env, files, nil)); err == nil {
			t.Errorf("%s: loaded, want an error", name)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: the error carries the secret: %v", name, err)
		}
	}
}

// TestValidationListsEveryProblem: one load reports all of them, each with
// its key and source.
func TestValidationListsEveryProblem(t *testing.T) {
	files := map[string]string{"prod.conf": "greeting =\nlog_level = loud\nnonsense = 1\ndb_password = hunter2\njust hunter2\ngreeting = again\n"}
	env := map[string]string{"DB_URL": "postgres://app:hunter2@db/app?sslmode=disable", "API_KEY": "hunter2"}
	_, err := load(memInputs("prod", "prod.conf", env, files, map[string]string{"cookie_secure": "false"}))
	if err == nil {
		t.Fatal("an invalid prod configuration loaded")
	}
	msg := err.Error()
	for _, want := range []string{
		`log_level (file prod.conf:2): "loud" is not a level`,
		`prod.conf:3: unknown key "nonsense"`,
		"prod.conf:4: db_password must not be in a config file; set DB_PASSWORD or DB_PASSWORD_FILE",
		"prod.conf:5: want key = value",
		"prod.conf:6: greeting is already set on line 1",
		"greeting (file prod.conf:1): must be 1 to 200 bytes, got 0",
		"db_url (env DB_URL): must not carry a password",
		"api_key (env API_KEY): must be at least 32 characters",
		"db_password (unset): is required in prod",
		"cookie_secure (flag -cookie-secure): must be true in prod",
		`db_url (env DB_URL): sslmode must be verify-full or verify-ca in prod, got "disable"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q; it is:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "hunter2") {
		t.Errorf("a validation message carries a secret:\n%s", msg)
	}
	if _, err := load(memInputs("dev", "gone.conf", nil, nil, nil)); err == nil || !strings.Contains(err.Error(), "config file gone.conf does not exist") {
		t.Errorf("missing file: %v", err)
	}
}

func TestProdRefusesInsecureSettings(t *testing.T) {
	good := map[string]string{"DB_PASSWORD": "pw", "API_KEY": strings.Repeat("k", 32)}
	if _, err := load(memInputs("prod", "", good, nil, nil)); err != nil {
		t.Fatalf("prod with its secrets: %v", err)
	}
	for flag, value := range map[string]string{"cookie_secure": "false", "log_level": "debug", "db_url": "postgres://app@db/app?sslmode=require"} {
		if _, err := load(memInputs("prod", "", good, nil, map[string]string{flag: value})); err == nil {
			t.Errorf("prod accepted %s=%s", flag, value)
		}
		if _, err := load(memInputs("staging", "", good, nil, map[string]string{flag: value})); err != nil {
			t.Errorf("staging refused %s=%s: %v", flag, value, err)
		}
	}
}
