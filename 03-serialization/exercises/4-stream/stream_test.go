package stream

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func collect(t *testing.T, in string) ([]Article, int, error) {
	t.Helper()
	var got []Article
	n, err := Stream(strings.NewReader(in), func(a Article) error {
		got = append(got, a)
		return nil
	})
	return got, n, err
}

func TestStream(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Article
	}{
		{"two articles", `{"articles":[{"slug":"a","title":"A","tags":["go"]},{"slug":"b","body":"B"}]}`,
			[]Article{{Slug: "a", Title: "A", Tags: []string{"go"}}, {Slug: "b", Body: "B"}}},
		{"other keys before and after are skipped", `{"exportedAt":"2024-01-01","meta":{"by":[1,{"x":[]}]},"articles":[{"slug":"a"}],"count":1}`,
			[]Article{{Slug: "a"}}},
		{"empty array", `{"articles":[]}`, nil},
		{"articles last, after nested values", `{"a":[[1,2],{"b":null}],"c":"x","articles":[{"slug":"x"},{"slug":"y","tags":[]}]}`,
			[]Article{{Slug: "x"}, {Slug: "y", Tags: []string{}}}},
		{"whitespace everywhere", " \n{ \"articles\" : [ {\"slug\" : \"a\"} ] } \n", []Article{{Slug: "a"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, n, err := collect(t, tc.in)
			if err != nil {
				t.Fatalf("Stream(%s) error = %v, want nil", tc.in, err)
			}
			if n != len(tc.want) || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Stream(%s) = %d, %+v; want %d, %+v", tc.in, n, got, len(tc.want), tc.want)
			}
		})
	}
}

func TestStreamRejects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantN   int   // articles accepted before the error
		wantErr error // nil: any error
	}{
		{"no articles key", `{"count":0}`, 0, ErrNoArticles},
		{"articles is not an array", `{"articles":{"slug":"a"}}`, 0, ErrNoArticles},
		{"articles is a number", `{"articles":5}`, 0, ErrNoArticles},
		{"element with unknown field", `{"articles":[{"slug":"a"},{"slug":"b","titel":"x"}]}`, 1, ErrInvalid},
		{"element with empty slug", `{"articles":[{"title":"no slug"}]}`, 0, ErrInvalid},
		{"element null", `{"articles":[null]}`, 0, ErrInvalid},
		{"element not an object", `{"articles":[{"slug":"a"},42]}`, 1, ErrInvalid},
		{"element with wrong type", `{"articles":[{"slug":"a","tags":"go"}]}`, 0, ErrInvalid},
		{"top level array", `[{"slug":"a"}]`, 0, nil},
		{"top level string", `"articles"`, 0, nil},
		{"empty input", ``, 0, io.ErrUnexpectedEOF},
		{"only whitespace", " \n ", 0, io.ErrUnexpectedEOF},
		{"truncated in an element", `{"articles":[{"slug":"a"},{"slug":"b`, 1, io.ErrUnexpectedEOF},
		{"truncated inside the array", `{"articles":[{"slug":"a"}`, 1, io.ErrUnexpectedEOF},
		{"truncated after the array", `{"articles":[{"slug":"a"}]`, 1, io.ErrUnexpectedEOF},
		{"truncated in a skipped value", `{"articles":[{"slug":"a"}],"meta":{"by":`, 1, io.ErrUnexpectedEOF},
		{"truncated after the opening brace", `{`, 0, io.ErrUnexpectedEOF},
		{"articles is null", `{"articles":null}`, 0, ErrNoArticles},
		{"articles is a string", `{"meta":1,"articles":"[]"}`, 0, ErrNoArticles},
		{"element is an array", `{"articles":[{"slug":"a"},{"slug":"b"},["c"]]}`, 2, ErrInvalid},
		{"data after the object", `{"articles":[]} {}`, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, n, err := collect(t, tc.in)
			if err == nil {
				t.Fatalf("Stream(%s) error = nil, want an error", tc.in)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("Stream(%s) error = %v, want %v", tc.in, err, tc.wantErr)
			}
			if n != tc.wantN {
				t.Errorf("Stream(%s) accepted %d articles, want %d", tc.in, n, tc.wantN)
			}
		})
	}
}

func TestCallbackErrorStops(t *testing.T) {
	stop := errors.New("enough")
	calls := 0
	n, err := Stream(strings.NewReader(`{"articles":[{"slug":"a"},{"slug":"b"},{"slug":"c"}]}`), func(a Article) error {
		calls++
		if a.Slug == "b" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 1 || calls != 2 {
		t.Errorf("Stream with a callback failing on b = %d, %v after %d calls; want 1, %v after 2 calls", n, err, calls, stop)
	}
}

// exportReader generates {"exportedAt":...,"articles":[...],"count":n}
// on the fly, so the test itself never holds the document in memory.
type exportReader struct {
	n, next int
	buf     []byte
	done    bool
}

func (r *exportReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		switch {
		case r.done:
			return 0, io.EOF
		case r.next == 0 && r.buf == nil:
			r.buf = []byte(`{"exportedAt":"2024-01-01T00:00:00Z","articles":[`)
			r.next = 1
			continue
		case r.next <= r.n:
			sep := ","
			if r.next == 1 {
				sep = ""
			}
			r.buf = fmt.Appendf(r.buf[:0], `%s{"slug":"article-%d","title":"Article number %d","body":"%s","tags":["go","json","stream"]}`,
				sep, r.next, r.next, strings.Repeat("lorem ipsum ", 20))
			r.next++
		default:
			r.buf = fmt.Appendf(r.buf[:0], `],"count":%d}`, r.n)
			r.done = true
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// TestBoundedMemory streams a generated export of about 8 MB and samples
// the live heap while it runs. Reading everything first (io.ReadAll,
// json.Unmarshal into a slice) would hold tens of megabytes; a streaming
// decoder holds one article.
func TestBoundedMemory(t *testing.T) {
	const articles = 25_000
	const budget = 6 << 20 // bytes of heap growth allowed, whatever the input size

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc

	want := 1
	n, err := Stream(&exportReader{n: articles}, func(a Article) error {
		if a.Slug != fmt.Sprintf("article-%d", want) {
			return fmt.Errorf("article %d has slug %q", want, a.Slug)
		}
		want++
		if want%5000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	})
	if err != nil || n != articles {
		t.Fatalf("Stream(generated export) = %d, %v; want %d, nil", n, err, articles)
	}
	if grew := peak - base; grew > budget {
		t.Errorf("the heap grew by %.1f MiB while streaming, want at most %d MiB: is the whole input being held?",
			float64(grew)/(1<<20), budget>>20)
	} else {
		t.Logf("streamed %d articles (~8 MB) with %.1f MiB of heap growth", n, float64(grew)/(1<<20))
	}
}
