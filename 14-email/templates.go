package main

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"strconv"
	"strings"
	texttemplate "text/template"
)

// templateFS holds every template as <kind>.v<version>.<lang>.{txt,html}.
// The .txt file also defines "subject".
//
//go:embed templates/*
var templateFS embed.FS

// defaultLang is the language every kind has; a missing translation falls
// back to it (exercise 1 negotiates Accept-Language properly).
const defaultLang = "en"

// templateSet is one version of one kind in one language: both parts.
type templateSet struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// Rendered is an email's content, ready for MIME.
type Rendered struct {
	Subject, Text, HTML string
	Lang                string
	Version             int
}

// templates is every template, parsed once at start-up.
type templates struct {
	sets   map[string]templateSet // key "kind.vN.lang"
	latest map[string]int         // kind → newest version
}

func loadTemplates() (*templates, error) {
	t := &templates{sets: map[string]templateSet{}, latest: map[string]int{}}
	names, err := fs.Glob(templateFS, "templates/*.txt")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		key := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".txt")
		parts := strings.Split(key, ".")
		if len(parts) != 3 || !strings.HasPrefix(parts[1], "v") {
			return nil, fmt.Errorf("template %s: want kind.vN.lang.txt", name)
		}
		version, err := strconv.Atoi(parts[1][1:])
		if err != nil {
			return nil, fmt.Errorf("template %s: bad version", name)
		}
		// html/template escapes .Name and .Link for HTML; text/template
		// does not, which is right for the text/plain part.
		txt, err := texttemplate.New(key).Option("missingkey=error").ParseFS(templateFS, name)
		if err != nil {
			return nil, err
		}
		html, err := htmltemplate.New(key).Option("missingkey=error").ParseFS(templateFS, "templates/"+key+".html")
		if err != nil {
			return nil, err
		}
		t.sets[key] = templateSet{text: txt.Lookup(key + ".txt"), html: html.Lookup(key + ".html")}
		if version > t.latest[parts[0]] {
			t.latest[parts[0]] = version
		}
	}
	return t, nil
}

// Render fills kind's templates. version 0 means the newest; the outbox
// stores the version it used so a retry renders the same email.
func (t *templates) Render(kind string, version int, lang string, data map[string]string) (Rendered, error) {
	if version == 0 {
		version = t.latest[kind]
	}
	set, ok := t.sets[fmt.Sprintf("%s.v%d.%s", kind, version, lang)]
	if !ok {
		lang = defaultLang
		set, ok = t.sets[fmt.Sprintf("%s.v%d.%s", kind, version, lang)]
	}
	if !ok {
		return Rendered{}, fmt.Errorf("no template %s v%d", kind, version)
	}
	var subject, text, html bytes.Buffer
	if err := set.text.ExecuteTemplate(&subject, "subject", data); err != nil {
		return Rendered{}, err
	}
	if err := set.text.Execute(&text, data); err != nil {
		return Rendered{}, err
	}
	if err := set.html.Execute(&html, data); err != nil {
		return Rendered{}, err
	}
	return Rendered{Subject: subject.String(), Text: text.String(), HTML: html.String(), Lang: lang, Version: version}, nil
}
