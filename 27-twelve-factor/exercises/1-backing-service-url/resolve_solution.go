//go:build solution

package backingurl

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var defaultPorts = map[string]int{
	"postgres": 5432, "postgresql": 5432, "redis": 6379, "amqp": 5672, "amqps": 5671,
}

var kinds = map[string]Kind{
	"memory": Memory, "postgres": Postgres, "postgresql": Postgres, "redis": Redis,
	"amqp": AMQP, "amqps": AMQP, "s3": S3,
}

var (
	sslModes   = []string{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
)

func fail(part, format string, args ...any) (Service, error) {
	return Service{}, &PartError{Part: part, Reason: fmt.Sprintf(format, args...)}
}

// Resolve parses raw and checks it against its scheme's rules.
func Resolve(raw string) (Service, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return fail("url", "not a URL") // url's error may quote the password
	}
	kind, ok := kinds[u.Scheme]
	if !ok {
		return fail("scheme", "%q is not one of memory, postgres, postgresql, redis, amqp, amqps, s3", u.Scheme)
	}
	s := Service{Kind: kind, TLS: u.Scheme == "amqps"}

	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fail("query", "not a valid query string")
	}
	for k, vs := range q {
		if len(vs) > 1 {
			return fail("query", "%s is given %d times", k, len(vs))
		}
		if s.Options == nil {
			s.Options = map[string]string{}
		}
		s.Options[k] = vs[0]
	}

	if kind == Memory {
		switch {
		case u.User != nil:
			return fail("user", "memory:// takes no credentials")
		case u.Host != "":
			return fail("host", "memory:// takes no host")
		case u.Path != "" && u.Path != "/":
			return fail("path", "memory:// takes no path")
		case s.Options != nil:
			return fail("query", "memory:// takes no parameters")
		}
		return s, nil
	}

	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	s.Host = u.Hostname()
	if s.Host == "" {
		return fail("host", "%s:// needs a host", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if kind == S3 {
			return fail("port", "s3:// names a bucket, not a host:port")
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fail("port", "%q is not a port from 1 to 65535", p)
		}
		s.Port = n
	} else {
		s.Port = defaultPorts[u.Scheme]
	}

	path := strings.TrimPrefix(u.Path, "/")
	switch kind {
	case Postgres:
		if path == "" || strings.Contains(path, "/") {
			return fail("path", "postgres:// needs exactly one database name, as /name")
		}
		s.Name = path
		if m, ok := s.Options["sslmode"]; ok && !slices.Contains(sslModes, m) {
			return fail("query", "sslmode %q is not one of %s", m, strings.Join(sslModes, ", "))
		}
	case Redis:
		if path != "" {
			n, err := strconv.Atoi(path)
			if err != nil || n < 0 || n > 15 {
				return fail("path", "redis database %q is not an index from 0 to 15", path)
			}
			s.DB = n
		}
	case AMQP:
		s.Name = path
		if path == "" {
			s.Name = "/" // the default virtual host, as amqp091-go reads an empty path
		}
	case S3:
		if !bucketName.MatchString(s.Host) || strings.Contains(s.Host, "..") {
			return fail("host", "bucket %q is not 3 to 63 lowercase letters, digits, dots and hyphens", s.Host)
		}
		s.Name = path
		if s.Options == nil {
			s.Options = map[string]string{}
		}
		if s.Options["region"] == "" {
			s.Options["region"] = "us-east-1"
		}
	}
	return s, nil
}

// String writes s back as a URL with the password replaced by "xxxxx".
func (s Service) String() string {
	if s.Kind == Memory {
		return "memory://"
	}
	scheme := string(s.Kind)
	if s.TLS {
		scheme = "amqps"
	}
	u := url.URL{Scheme: scheme, Host: s.Host}
	if s.Port != 0 {
		u.Host = net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	}
	switch {
	case s.Password != "":
		u.User = url.UserPassword(s.User, "xxxxx")
	case s.User != "":
		u.User = url.User(s.User)
	}
	switch s.Kind {
	case Redis:
		u.Path = "/" + strconv.Itoa(s.DB)
	case Postgres, AMQP, S3:
		u.Path = "/" + s.Name
	}
	if len(s.Options) > 0 {
		q := url.Values{}
		for k, v := range s.Options {
			if k == "password" {
				v = "xxxxx"
			}
			q.Set(k, v)
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}
