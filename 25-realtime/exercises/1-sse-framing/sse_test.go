package sseframing

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		ev   Event
		want string
	}{
		{"data only", Event{Data: "hi"}, "data: hi\n\n"},
		{"all fields", Event{ID: "k-7", Type: "message", Data: `{"a":1}`, Retry: 2500 * time.Millisecond},
			"id: k-7\nevent: message\nretry: 2500\ndata: {\"a\":1}\n\n"},
		{"LF lines", Event{Data: "a\nb"}, "data: a\ndata: b\n\n"},
		{"CRLF lines", Event{Data: "a\r\nb"}, "data: a\ndata: b\n\n"},
		{"CR lines", Event{Data: "a\rb\r\rc"}, "data: a\ndata: b\ndata: \ndata: c\n\n"},
		{"trailing line break", Event{Data: "a\n"}, "data: a\ndata: \n\n"},
		{"empty data", Event{Type: "ping"}, "event: ping\ndata: \n\n"},
		{"no retry at zero", Event{Data: "x", Retry: 0}, "data: x\n\n"},
		{"retry of 1 ms", Event{Data: "x", Retry: time.Millisecond}, "retry: 1\ndata: x\n\n"},
		{"no retry under 1 ms", Event{Data: "x", Retry: time.Millisecond - 1}, "data: x\n\n"},
		{"colons and spaces are data", Event{Data: " : x"}, "data:  : x\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, tc.ev); err != nil {
				t.Fatalf("Write(%+v) = %v", tc.ev, err)
			}
			if b.String() != tc.want {
				t.Errorf("Write(%+v) wrote %q, want %q", tc.ev, b.String(), tc.want)
			}
		})
	}
}

func TestWriteRefusesFieldsItCannotFrame(t *testing.T) {
	for _, ev := range []Event{
		{ID: "1\ndata: injected", Data: "x"}, {ID: "1\r", Data: "x"}, {ID: "a\x00b", Data: "x"},
		{Type: "message\nid: 9", Data: "x"}, {Type: "a\rb", Data: "x"},
	} {
		var b strings.Builder
		if err := Write(&b, ev); !errors.Is(err, ErrField) || b.Len() != 0 {
			t.Errorf("Write(%q) = %v after writing %q, want ErrField and nothing written", ev, err, b.String())
		}
	}
	var b strings.Builder
	if err := Write(&b, Event{Type: "a\x00b", Data: "x"}); err != nil {
		t.Errorf("Write with NUL in the event type = %v; only an id with NUL is ignored by browsers", err)
	}
}

func TestComment(t *testing.T) {
	for text, want := range map[string]string{
		"ping": ": ping\n",
		"":     ": \n",
		"a\nb": ": a\n: b\n",
		"a\rb": ": a\n: b\n",
	} {
		var b strings.Builder
		if err := Comment(&b, text); err != nil || b.String() != want {
			t.Errorf("Comment(%q) wrote %q, %v; want %q", text, b.String(), err, want)
		}
	}
}

// events parses stream to its end and returns its events and the reader.
func events(t *testing.T, stream string) ([]Event, *Reader) {
	t.Helper()
	r := NewReader(strings.NewReader(stream))
	var out []Event
	for range 100 {
		ev, err := r.Next()
		if err == io.EOF {
			return out, r
		}
		if err != nil {
			t.Fatalf("Next() on %q = %v", stream, err)
		}
		out = append(out, ev)
	}
	t.Fatalf("more than 100 events in %q", stream)
	return nil, nil
}

func TestReader(t *testing.T) {
	msg := func(id, data string) Event { return Event{ID: id, Type: "message", Data: data} }
	tests := []struct {
		name   string
		stream string
		want   []Event
	}{
		// The WHATWG spec's own examples.
		{"spec: stock ticker", "data: YHOO\ndata: +2\ndata: 10\n\n", []Event{msg("", "YHOO\n+2\n10")}},
		{"spec: comments and ids", ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
			[]Event{msg("1", "first event"), msg("", "second event"), msg("", " third event")}},
		{"spec: empty data and unterminated", "data\n\ndata\ndata\n\ndata:", []Event{msg("", ""), msg("", "\n")}},
		{"spec: space after colon", "data:test\n\ndata: test\n\n", []Event{msg("", "test"), msg("", "test")}},
		// Line ends.
		{"CRLF", "data: a\r\ndata: b\r\n\r\n", []Event{msg("", "a\nb")}},
		{"CR", "data: a\rdata: b\r\r", []Event{msg("", "a\nb")}},
		{"CR then LF is one line end", "data: a\r\n\r\ndata: b\n\n", []Event{msg("", "a"), msg("", "b")}},
		{"LF LF LF", "data: a\n\n\n\ndata: b\n\n", []Event{msg("", "a"), msg("", "b")}},
		// Fields.
		{"event type", "event: join\ndata: x\n\n", []Event{{Type: "join", Data: "x"}}},
		{"type resets after dispatch", "event: join\ndata: x\n\ndata: y\n\n", []Event{{Type: "join", Data: "x"}, msg("", "y")}},
		{"type without data is dropped", "event: join\n\ndata: y\n\n", []Event{msg("", "y")}},
		{"id persists", "id: 7\ndata: a\n\ndata: b\n\n", []Event{msg("7", "a"), msg("7", "b")}},
		{"empty id resets", "id: 7\ndata: a\n\nid:\ndata: b\n\n", []Event{msg("7", "a"), msg("", "b")}},
		{"id with NUL is ignored", "id: 7\ndata: a\n\nid: 8\x009\ndata: b\n\n", []Event{msg("7", "a"), msg("7", "b")}},
		{"one leading space only", "data:   x\n\n", []Event{msg("", "  x")}},
		{"colon in value", "data: a: b\n\n", []Event{msg("", "a: b")}},
		{"unknown field ignored", "foo: bar\ndata: x\n\n", []Event{msg("", "x")}},
		{"field names are case-sensitive", "Data: x\n\ndata: y\n\n", []Event{msg("", "y")}},
		{"BOM at the start", "\ufeffdata: x\n\n", []Event{msg("", "x")}},
		{"BOM elsewhere is data", "data: \ufeffx\n\n", []Event{msg("", "\ufeffx")}},
		{"two BOMs: the second is kept", "\ufeff\ufeffdata: x\n\ndata: y\n\n", []Event{msg("", "y")}},
		{"bare colon comment", ":\ndata: x\n\n", []Event{msg("", "x")}},
		{"comment that looks like a field", ":data: x\n\n", nil},
		{"comment between data lines", "data: a\n: note\ndata: b\n\n", []Event{msg("", "a\nb")}},
		{"unterminated last event", "data: a\n\ndata: b\n", []Event{msg("", "a")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := events(t, tc.stream)
			if len(got) != len(tc.want) {
				t.Fatalf("stream %q gave %q, want %q", tc.stream, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("stream %q event %d = %q, want %q", tc.stream, i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestReaderLastEventIDAndRetry(t *testing.T) {
	tests := []struct {
		name, stream string
		lastID       string
		retry        time.Duration
	}{
		{"none", "data: a\n\n", "", 0},
		{"set by an event", "id: 5\ndata: a\n\n", "5", 0},
		{"set by a block without data", "id: 5\n\n", "5", 0},
		{"not set until the blank line", "id: 5\ndata: a\n\nid: 6\ndata: b", "5", 0},
		{"reset by an empty id", "id: 5\n\nid\n\n", "", 0},
		{"retry", "retry: 3000\n\n", "", 3 * time.Second},
		{"retry needs no blank line", "retry: 10\n", "", 10 * time.Millisecond},
		{"retry zero", "retry: 10\nretry: 0\n", "", 0},
		{"retry not digits", "retry: 10\nretry: 1.5\nretry: -3\nretry: 2s\nretry: \nretry: +4\n", "", 10 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, r := events(t, tc.stream)
			if r.LastEventID() != tc.lastID || r.Retry() != tc.retry {
				t.Errorf("stream %q: LastEventID %q, Retry %v; want %q, %v", tc.stream, r.LastEventID(), r.Retry(), tc.lastID, tc.retry)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := []Event{
		{ID: "a-1", Type: "message", Data: "line one\r\nline two\rline three\n"},
		{Type: "join", Data: ""},
		{ID: "a-3", Type: "message", Data: ": not a comment"},
	}
	var b strings.Builder
	for _, ev := range in {
		if err := Write(&b, ev); err != nil {
			t.Fatal(err)
		}
		if err := Comment(&b, "ping"); err != nil {
			t.Fatal(err)
		}
	}
	got, r := events(t, b.String())
	want := []Event{
		{ID: "a-1", Type: "message", Data: "line one\nline two\nline three\n"},
		{ID: "a-1", Type: "join", Data: ""},
		{ID: "a-3", Type: "message", Data: ": not a comment"},
	}
	if len(got) != len(want) {
		t.Fatalf("round trip gave %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("round trip event %d = %q, want %q", i, got[i], want[i])
		}
	}
	if r.LastEventID() != "a-3" {
		t.Errorf("LastEventID after the round trip = %q, want a-3", r.LastEventID())
	}
}

// TestReaderDoesNotWaitAfterCR: a live stream that ends an event with \r\r
// must dispatch it without waiting for a byte that may never come.
func TestReaderDoesNotWaitAfterCR(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte("data: now\r\r"))
	got := make(chan Event, 1)
	go func() {
		ev, _ := NewReader(pr).Next()
		got <- ev
	}()
	select {
	case ev := <-got:
		if ev.Data != "now" {
			t.Errorf("Next() = %q, want data now", ev)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Next() still waiting 5 s after data: now\\r\\r: it must not wait for a \\n after \\r")
	}
}

func TestReaderPassesReadErrors(t *testing.T) {
	boom := errors.New("connection reset")
	r := NewReader(io.MultiReader(strings.NewReader("data: a\n\ndata: b\n"), errReader{boom}))
	if ev, err := r.Next(); err != nil || ev.Data != "a" {
		t.Fatalf("first Next() = %q, %v, want data a", ev, err)
	}
	if _, err := r.Next(); !errors.Is(err, boom) {
		t.Errorf("Next() at a broken stream = %v, want the read error", err)
	}
}

type errReader struct{ err error }

type errWriter struct{ err error }

func (e errWriter) Write([]byte) (int, error) { return 0, e.err }

func TestWriteErrorsAreReturned(t *testing.T) {
	boom := errors.New("broken pipe")
	if err := Write(errWriter{boom}, Event{Data: "x"}); !errors.Is(err, boom) {
		t.Errorf("Write to a broken writer = %v, want its error", err)
	}
	if err := Comment(errWriter{boom}, "ping"); !errors.Is(err, boom) {
		t.Errorf("Comment to a broken writer = %v, want its error", err)
	}
}

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
