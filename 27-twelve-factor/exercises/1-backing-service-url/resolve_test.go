package backingurl

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const secret = "s3cr3t-pw"

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want Service
	}{
		{"memory://", Service{Kind: Memory}},
		{"memory:///", Service{Kind: Memory}},
		{"postgres://app:" + secret + "@db.internal/notes?sslmode=verify-full",
			Service{Kind: Postgres, Host: "db.internal", Port: 5432, User: "app", Password: secret, Name: "notes", Options: map[string]string{"sslmode": "verify-full"}}},
		{"postgresql://db:6432/notes", Service{Kind: Postgres, Host: "db", Port: 6432, Name: "notes"}},
		{"postgres://[::1]:5433/app", Service{Kind: Postgres, Host: "::1", Port: 5433, Name: "app"}},
		{"postgres://db/app?sslmode=disable&application_name=notes",
			Service{Kind: Postgres, Host: "db", Port: 5432, Name: "app", Options: map[string]string{"sslmode": "disable", "application_name": "notes"}}},
		{"postgres://db:65535/app", Service{Kind: Postgres, Host: "db", Port: 65535, Name: "app"}},
		{"postgres://db:1/app", Service{Kind: Postgres, Host: "db", Port: 1, Name: "app"}},
		{"redis://cache", Service{Kind: Redis, Host: "cache", Port: 6379}},
		{"redis://cache/", Service{Kind: Redis, Host: "cache", Port: 6379}},
		{"redis://:" + secret + "@cache:6380/0", Service{Kind: Redis, Host: "cache", Port: 6380, Password: secret}},
		{"redis://cache/15", Service{Kind: Redis, Host: "cache", Port: 6379, DB: 15}},
		{"redis://cache/3?timeout=2s", Service{Kind: Redis, Host: "cache", Port: 6379, DB: 3, Options: map[string]string{"timeout": "2s"}}},
		{"amqp://guest:guest@mq", Service{Kind: AMQP, Host: "mq", Port: 5672, User: "guest", Password: "guest", Name: "/"}},
		{"amqp://mq/", Service{Kind: AMQP, Host: "mq", Port: 5672, Name: "/"}},
		{"amqp://mq/%2f", Service{Kind: AMQP, Host: "mq", Port: 5672, Name: "/"}},
		{"amqps://mq/prod?heartbeat=10", Service{Kind: AMQP, TLS: true, Host: "mq", Port: 5671, Name: "prod", Options: map[string]string{"heartbeat": "10"}}},
		{"amqps://mq:5673/prod", Service{Kind: AMQP, TLS: true, Host: "mq", Port: 5673, Name: "prod"}},
		{"s3://AKIA123:" + secret + "@uploads/avatars/2026",
			Service{Kind: S3, Host: "uploads", User: "AKIA123", Password: secret, Name: "avatars/2026", Options: map[string]string{"region": "us-east-1"}}},
		{"s3://my.bucket-1?region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A9000",
			Service{Kind: S3, Host: "my.bucket-1", Options: map[string]string{"region": "eu-west-1", "endpoint": "http://127.0.0.1:9000"}}},
		{"s3://abc", Service{Kind: S3, Host: "abc", Options: map[string]string{"region": "us-east-1"}}},
		{"s3://" + strings.Repeat("a", 63), Service{Kind: S3, Host: strings.Repeat("a", 63), Options: map[string]string{"region": "us-east-1"}}},
	} {
		got, err := Resolve(tc.raw)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Resolve(%q) =\n  %+v, %v\nwant\n  %+v", tc.raw, got, err, tc.want)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct{ raw, part string }{
		{"postgres://app:" + secret + "@db:99x/notes", "url"},
		{"%zz", "url"},
		{"mysql://db/app", "scheme"},
		{"localhost:5432", "scheme"},
		{"", "scheme"},
		{"memory://user@", "user"},
		{"memory://" + secret + "@", "user"},
		{"memory://box", "host"},
		{"memory:///data", "path"},
		{"memory://?size=10", "query"},
		{"postgres:///notes", "host"},
		{"postgres://app:" + secret + "@/notes", "host"},
		{"redis://", "host"},
		{"postgres://db:0/app", "port"},
		{"postgres://db:65536/app", "port"},
		{"amqp://mq:70000", "port"},
		{"s3://uploads:9000/x", "port"},
		{"postgres://db", "path"},
		{"postgres://db/", "path"},
		{"postgres://db/a/b", "path"},
		{"postgres://db/app?sslmode=on", "query"},
		{"postgres://db/app?sslmode=disable&sslmode=require", "query"},
		{"redis://cache/x?a=1&b=2&a=3", "query"},
		{"redis://cache?a;b", "query"},
		{"redis://cache/16", "path"},
		{"redis://cache/-1", "path"},
		{"redis://cache/one", "path"},
		{"s3://ab", "host"},
		{"s3://" + strings.Repeat("a", 64), "host"},
		{"s3://Uploads", "host"},
		{"s3://-uploads", "host"},
		{"s3://uploads-", "host"},
		{"s3://up..loads", "host"},
		{"s3://up_loads", "host"},
	} {
		got, err := Resolve(tc.raw)
		var pe *PartError
		if !errors.As(err, &pe) || pe.Part != tc.part {
			t.Errorf("Resolve(%q) = %+v, %v; want a *PartError for %q", tc.raw, got, err, tc.part)
			continue
		}
		if pe.Reason == "" || strings.Contains(err.Error(), secret) {
			t.Errorf("Resolve(%q) error %q: want a reason without the password", tc.raw, err)
		}
		if !reflect.DeepEqual(got, Service{}) {
			t.Errorf("Resolve(%q) returned %+v with its error, want the zero Service", tc.raw, got)
		}
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"memory://", "memory://"},
		{"postgres://app:" + secret + "@db.internal/notes?sslmode=verify-full", "postgres://app:xxxxx@db.internal:5432/notes?sslmode=verify-full"},
		{"postgresql://db/notes", "postgres://db:5432/notes"},
		{"postgres://db/app?sslmode=disable&application_name=notes", "postgres://db:5432/app?application_name=notes&sslmode=disable"},
		{"postgres://app@db/notes?password=" + secret, "postgres://app@db:5432/notes?password=xxxxx"},
		{"postgres://[::1]:5433/app", "postgres://[::1]:5433/app"},
		{"redis://:" + secret + "@cache", "redis://:xxxxx@cache:6379/0"},
		{"redis://cache/7", "redis://cache:6379/7"},
		{"amqps://guest:" + secret + "@mq/prod", "amqps://guest:xxxxx@mq:5671/prod"},
		{"amqp://mq", "amqp://mq:5672//"},
		{"s3://AKIA123:" + secret + "@uploads/avatars", "s3://AKIA123:xxxxx@uploads/avatars?region=us-east-1"},
		{"s3://uploads", "s3://uploads/?region=us-east-1"},
	} {
		s, err := Resolve(tc.raw)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.raw, err)
			continue
		}
		if got := s.String(); got != tc.want {
			t.Errorf("Resolve(%q).String() = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

// TestStringRoundTrips: a String() resolves to the same service, with
// the password now the marker.
func TestStringRoundTrips(t *testing.T) {
	for _, raw := range []string{
		"postgres://app:" + secret + "@db:6432/notes?sslmode=require",
		"redis://u:" + secret + "@cache/2",
		"amqp://mq/%2f",
		"amqps://mq:5673/prod",
		"s3://k:" + secret + "@uploads/a/b?region=eu-west-1",
	} {
		s, err := Resolve(raw)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", raw, err)
		}
		again, err := Resolve(s.String())
		if s.Password != "" {
			s.Password = "xxxxx"
		}
		if err != nil || !reflect.DeepEqual(again, s) {
			t.Errorf("Resolve(%q) = %+v, %v; want %+v", s.String(), again, err, s)
		}
	}
}
