//go:build solution

package linkheader

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// PageLinks returns the Link header value for page of a list.
func PageLinks(base *url.URL, page, perPage, total int) (string, error) {
	if page < 1 || perPage < 1 || total < 0 {
		return "", fmt.Errorf("%w: page %d, perPage %d, total %d", ErrBadPage, page, perPage, total)
	}
	last := max((total+perPage-1)/perPage, 1)
	at := func(p int) string {
		u := *base
		q := u.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("per_page", strconv.Itoa(perPage))
		u.RawQuery = q.Encode()
		return u.String()
	}
	parts := []string{fmt.Sprintf(`<%s>; rel="first"`, at(1))}
	if page > 1 {
		parts = append(parts, fmt.Sprintf(`<%s>; rel="prev"`, at(min(page-1, last))))
	}
	if page < last {
		parts = append(parts, fmt.Sprintf(`<%s>; rel="next"`, at(page+1)))
	}
	parts = append(parts, fmt.Sprintf(`<%s>; rel="last"`, at(last)))
	return strings.Join(parts, ", "), nil
}

// ParseLinkHeader parses a Link header value (RFC 8288 section 3) with a
// small scanner: commas inside <...> and inside quoted strings do not
// separate link-values.
func ParseLinkHeader(v string) ([]Link, error) {
	p := &parser{s: v}
	var links []Link
	for {
		p.skipSpace()
		if p.done() {
			return links, nil
		}
		if p.peek() == ',' { // empty list elements are allowed
			p.i++
			continue
		}
		l, err := p.linkValue()
		if err != nil {
			return nil, err
		}
		links = append(links, l)
		p.skipSpace()
		if !p.done() && p.peek() != ',' {
			return nil, fmt.Errorf("%w: expected ',' at %d", ErrMalformed, p.i)
		}
	}
}

type parser struct {
	s string
	i int
}

func (p *parser) done() bool { return p.i >= len(p.s) }
func (p *parser) peek() byte { return p.s[p.i] }
func (p *parser) skipSpace() {
	for !p.done() && (p.peek() == ' ' || p.peek() == '\t') {
		p.i++
	}
}

func (p *parser) linkValue() (Link, error) {
	if p.peek() != '<' {
		return Link{}, fmt.Errorf("%w: expected '<' at %d", ErrMalformed, p.i)
	}
	end := strings.IndexByte(p.s[p.i:], '>')
	if end < 0 {
		return Link{}, fmt.Errorf("%w: unterminated '<'", ErrMalformed)
	}
	l := Link{Target: p.s[p.i+1 : p.i+end], Params: map[string]string{}}
	p.i += end + 1
	relSeen := false
	for {
		p.skipSpace()
		if p.done() || p.peek() == ',' {
			return l, nil
		}
		if p.peek() != ';' {
			return Link{}, fmt.Errorf("%w: expected ';' at %d", ErrMalformed, p.i)
		}
		p.i++
		p.skipSpace()
		name := strings.ToLower(p.token())
		if name == "" {
			return Link{}, fmt.Errorf("%w: empty parameter name at %d", ErrMalformed, p.i)
		}
		value := ""
		p.skipSpace()
		if !p.done() && p.peek() == '=' {
			p.i++
			p.skipSpace()
			var err error
			if value, err = p.value(); err != nil {
				return Link{}, err
			}
		}
		if name == "rel" {
			if !relSeen { // occurrences after the first MUST be ignored
				l.Rel = strings.Fields(strings.ToLower(value))
				relSeen = true
			}
			continue
		}
		if _, dup := l.Params[name]; !dup {
			l.Params[name] = value
		}
	}
}

// token reads a run of token characters (RFC 9110 tchar) plus '*'.
func (p *parser) token() string {
	start := p.i
	for !p.done() && isTchar(p.peek()) {
		p.i++
	}
	return p.s[start:p.i]
}

func isTchar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
		strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// value reads a token or a quoted-string, unescaping backslashes.
func (p *parser) value() (string, error) {
	if p.done() || p.peek() != '"' {
		return p.token(), nil
	}
	p.i++
	var b strings.Builder
	for !p.done() {
		c := p.peek()
		p.i++
		switch c {
		case '\\':
			if p.done() {
				return "", fmt.Errorf("%w: dangling escape", ErrMalformed)
			}
			b.WriteByte(p.peek())
			p.i++
		case '"':
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("%w: unterminated quoted string", ErrMalformed)
}
