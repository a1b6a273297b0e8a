//go:build solution

package sseframing

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"
)

// lines splits s at \r\n, \n or \r.
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

func Write(w io.Writer, ev Event) error {
	if strings.ContainsAny(ev.ID, "\r\n\x00") || strings.ContainsAny(ev.Type, "\r\n") {
		return ErrField
	}
	var b strings.Builder
	if ev.ID != "" {
		b.WriteString("id: " + ev.ID + "\n")
	}
	if ev.Type != "" {
		b.WriteString("event: " + ev.Type + "\n")
	}
	if ms := ev.Retry.Milliseconds(); ms > 0 {
		b.WriteString("retry: " + strconv.FormatInt(ms, 10) + "\n")
	}
	for _, line := range lines(ev.Data) {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func Comment(w io.Writer, text string) error {
	var b strings.Builder
	for _, line := range lines(text) {
		b.WriteString(": " + line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReader(r)} }

// readLine returns the next line without its line end. It never reads past
// a line end: after a \r it does not wait for a possible \n, but skips one
// that comes first on the next call.
func (r *Reader) readLine() (string, error) {
	var line []byte
	for {
		if !r.started {
			r.started = true
			// A UTF-8 byte order mark is skipped once, at the very start.
			if ch, _, _ := r.r.ReadRune(); ch != '\ufeff' {
				r.r.UnreadRune()
			}
		}
		c, err := r.r.ReadByte()
		if err != nil {
			return "", err // an unterminated last line is discarded with its event
		}
		if r.afterCR {
			r.afterCR = false
			if c == '\n' {
				continue
			}
		}
		switch c {
		case '\n':
			return string(line), nil
		case '\r':
			r.afterCR = true
			return string(line), nil
		}
		line = append(line, c)
	}
}

func (r *Reader) Next() (Event, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			return Event{}, err
		}
		if line != "" {
			// A comment (": ping") is a field with an empty name, which no
			// rule matches: it needs no case of its own.
			field, value, found := strings.Cut(line, ":")
			if found {
				value = strings.TrimPrefix(value, " ")
			}
			r.process(field, value)
			continue
		}
		if ev, ok := r.dispatch(); ok {
			return ev, nil
		}
	}
}

func (r *Reader) process(field, value string) {
	switch field {
	case "event":
		r.typ = value
	case "data":
		r.data = append(r.data, value...)
		r.data = append(r.data, '\n')
	case "id":
		if !strings.Contains(value, "\x00") {
			r.idBuf = value
		}
	case "retry":
		if value != "" && strings.Trim(value, "0123456789") == "" {
			if ms, err := strconv.Atoi(value); err == nil {
				r.retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
}

// dispatch ends the current event at a blank line; ok is false when it had no data.
func (r *Reader) dispatch() (Event, bool) {
	r.lastEventID = r.idBuf
	data, typ := r.data, r.typ
	r.data, r.typ = nil, ""
	if len(data) == 0 {
		return Event{}, false
	}
	if typ == "" {
		typ = "message"
	}
	return Event{ID: r.lastEventID, Type: typ, Data: string(bytes.TrimSuffix(data, []byte("\n")))}, true
}

func (r *Reader) LastEventID() string { return r.lastEventID }

func (r *Reader) Retry() time.Duration { return r.retry }
