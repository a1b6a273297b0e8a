package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// inputs are the layers' raw material. Environment and flags are read once
// at start-up; the files (config file, *_FILE secrets) are read again on
// every reload.
type inputs struct {
	profile  string              // dev, staging or prod: picks the defaults and the rules
	file     string              // config file path; "" for none
	getenv   func(string) string // "" means unset
	flags    map[string]string   // flags given on the command line, by key name
	readFile func(string) ([]byte, error)
}

// origin is one key's effective value and the layer it came from.
type origin struct {
	key    key
	text   string // as written in its layer; never shown for a secret
	source string // "default (dev)", "file app.conf:3", "env GREETING", "flag -greeting"
}

// loaded is one complete, valid configuration: the settings and, in the
// order of keys, where each came from.
type loaded struct {
	profile  string
	settings settings
	origins  []origin
}

// load merges the layers, lowest first — profile defaults < file < env <
// flags — so a later layer overrides an earlier one key by key. Then it
// parses and validates. It returns every problem it finds, not the first.
func load(in inputs) (*loaded, error) {
	defaults, ok := profiles[in.profile]
	if !ok {
		return nil, fmt.Errorf("env %q is not a profile: want dev, staging or prod", in.profile)
	}
	var errs []error
	var fileValues map[string]fileValue
	if in.file != "" {
		data, err := in.readFile(in.file)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			errs = append(errs, fmt.Errorf("config file %s does not exist", in.file))
		case err != nil:
			errs = append(errs, fmt.Errorf("config file %s cannot be read", in.file))
		default:
			fileValues, err = parseFile(in.file, data)
			errs = append(errs, err)
		}
	}

	l := &loaded{profile: in.profile}
	for _, k := range keys {
		o := origin{key: k}
		if v, ok := defaults[k.name]; ok {
			o.text, o.source = v, "default ("+in.profile+")"
		}
		if fv, ok := fileValues[k.name]; ok {
			o.text, o.source = fv.value, fmt.Sprintf("file %s:%d", in.file, fv.line)
		}
		if v := in.getenv(k.env); v != "" {
			o.text, o.source = v, "env "+k.env
		}
		if k.secret {
			if err := secretFromFile(in, k, &o); err != nil {
				errs = append(errs, err)
			}
		}
		if v, ok := in.flags[k.name]; ok {
			o.text, o.source = v, "flag -"+k.flag
		}
		if o.source != "" {
			if err := k.set(&l.settings, o.text); err != nil {
				errs = append(errs, fmt.Errorf("%s (%s): %v", k.name, o.source, err))
			}
		}
		l.origins = append(l.origins, o)
	}
	for _, p := range validate(l.settings, in.profile) {
		errs = append(errs, fmt.Errorf("%s (%s): %s", p.key, l.sourceOf(p.key), p.msg))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return l, nil
}

// secretFromFile applies k.env + "_FILE": the path of a file that holds the
// secret, as Docker and Kubernetes mount them. One trailing newline (from
// `echo` or an editor) is trimmed; setting both k.env and k.env_FILE is an
// error, since nobody could tell which one wins.
func secretFromFile(in inputs, k key, o *origin) error {
	path := in.getenv(k.env + "_FILE")
	if path == "" {
		return nil
	}
	if in.getenv(k.env) != "" {
		return fmt.Errorf("%s: set %s or %s_FILE, not both", k.name, k.env, k.env)
	}
	data, err := in.readFile(path)
	if err != nil {
		return fmt.Errorf("%s: %s_FILE names a file that cannot be read", k.name, k.env)
	}
	text, ok := strings.CutSuffix(string(data), "\r\n")
	if !ok {
		text = strings.TrimSuffix(text, "\n")
	}
	if text == "" {
		return fmt.Errorf("%s: %s_FILE names an empty file", k.name, k.env)
	}
	o.text, o.source = text, "env "+k.env+"_FILE"
	return nil
}

// sourceOf says where key name's value came from, or "unset".
func (l *loaded) sourceOf(name string) string {
	for _, o := range l.origins {
		if o.key.name == name && o.source != "" {
			return o.source
		}
	}
	return "unset"
}
