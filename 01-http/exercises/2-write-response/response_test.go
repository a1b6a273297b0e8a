package writeresponse

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
)

// editHint points a failing learner at the file to change.
func editHint(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("edit exercises/2-write-response/response.go (hints: exercises/2-write-response/README.md)")
		}
	})
}

// pieces is a reader that returns one piece per Read call, "" included,
// so a test controls exactly what each Read yields.
type pieces []string

func (p *pieces) Read(b []byte) (int, error) {
	if len(*p) == 0 {
		return 0, io.EOF
	}
	n := copy(b, (*p)[0])
	(*p)[0] = (*p)[0][n:]
	if (*p)[0] == "" {
		*p = (*p)[1:]
	}
	return n, nil
}

func body(parts ...string) io.Reader { p := pieces(parts); return &p }

func TestWrite(t *testing.T) {
	editHint(t)
	tests := []struct {
		name string
		res  Response
		want string
	}{
		{
			name: "fixed length",
			res: Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/plain"}},
				Body: strings.NewReader("hello"), ContentLength: 5},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
		},
		{
			name: "names canonical and sorted, values in order",
			res: Response{StatusCode: 404, Header: http.Header{"x-b": {"2"}, "x-a": {"1", "1b"}, "cache-control": {"no-store"}},
				Body: strings.NewReader("gone"), ContentLength: 4},
			want: "HTTP/1.1 404 Not Found\r\nCache-Control: no-store\r\nContent-Length: 4\r\nX-A: 1\r\nX-A: 1b\r\nX-B: 2\r\n\r\ngone",
		},
		{
			name: "empty body still says Content-Length: 0",
			res:  Response{StatusCode: 200},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "values trimmed, empty value kept",
			res:  Response{StatusCode: 200, Header: http.Header{"X-Pad": {" \tpadded\t "}, "X-Empty": {""}}},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Empty: \r\nX-Pad: padded\r\n\r\n",
		},
		{
			name: "own reason phrase",
			res:  Response{StatusCode: 200, Reason: "Fine Thanks"},
			want: "HTTP/1.1 200 Fine Thanks\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "unregistered code: empty reason, space kept",
			res:  Response{StatusCode: 299},
			want: "HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n",
		},
		{
			// The example RFC 9112 §7.1 readers know from everywhere: two chunks.
			name: "chunked, one chunk per read",
			res:  Response{StatusCode: 200, Body: body("Wiki", "pedia"), ContentLength: -1},
			want: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
		},
		{
			name: "chunk size in lowercase hex",
			res:  Response{StatusCode: 200, Body: strings.NewReader("abcdefghijklmnopqrstuvwxyz"), ContentLength: -1},
			want: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n",
		},
		{
			name: "empty reads send no chunk (a zero chunk would end the body)",
			res:  Response{StatusCode: 200, Body: body("", "ab", "", "c"), ContentLength: -1},
			want: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1\r\nc\r\n0\r\n\r\n",
		},
		{
			name: "chunked with no body at all",
			res:  Response{StatusCode: 200, ContentLength: -1},
			want: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		},
		{
			name: "chunked with trailer fields announced in Trailer",
			res: Response{StatusCode: 200, Body: body("data"), ContentLength: -1,
				Header:  http.Header{"Content-Type": {"text/plain"}},
				Trailer: http.Header{"x-checksum": {"abc123"}, "Server-Timing": {"db;dur=53"}}},
			want: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTrailer: Server-Timing, X-Checksum\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"4\r\ndata\r\n0\r\nServer-Timing: db;dur=53\r\nX-Checksum: abc123\r\n\r\n",
		},
		{
			name: "204 has no framing and no body",
			res:  Response{StatusCode: 204, Header: http.Header{"X-Request-Id": {"7"}}, ContentLength: 10},
			want: "HTTP/1.1 204 No Content\r\nX-Request-Id: 7\r\n\r\n",
		},
		{
			name: "304 has no framing and no body",
			res:  Response{StatusCode: 304, Header: http.Header{"Etag": {`"v1"`}}, ContentLength: -1},
			want: "HTTP/1.1 304 Not Modified\r\nEtag: \"v1\"\r\n\r\n",
		},
		{
			name: "100 Continue is a bare status line",
			res:  Response{StatusCode: 100},
			want: "HTTP/1.1 100 Continue\r\n\r\n",
		},
		{
			name: "103 Early Hints carries its Link",
			res:  Response{StatusCode: 103, Header: http.Header{"Link": {"</app.css>; rel=preload; as=style"}}},
			want: "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload; as=style\r\n\r\n",
		},
		{
			name: "Content-Length in decimal",
			res:  Response{StatusCode: 200, Body: strings.NewReader("abcdefghijklmnopqrstuvwxyz"), ContentLength: 26},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz",
		},
		{
			name: "a single trailer field is announced too",
			res:  Response{StatusCode: 200, Body: body("ab"), ContentLength: -1, Trailer: http.Header{"X-Sum": {"7"}}},
			want: "HTTP/1.1 200 OK\r\nTrailer: X-Sum\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX-Sum: 7\r\n\r\n",
		},
		{
			name: "999 is the highest status code",
			res:  Response{StatusCode: 999},
			want: "HTTP/1.1 999 \r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "199 is informational: a bare status line",
			res:  Response{StatusCode: 199, ContentLength: 3},
			want: "HTTP/1.1 199 \r\n\r\n",
		},
		{
			name: "203 has a body",
			res:  Response{StatusCode: 203, Body: strings.NewReader("x"), ContentLength: 1},
			want: "HTTP/1.1 203 Non-Authoritative Information\r\nContent-Length: 1\r\n\r\nx",
		},
		{
			name: "205 has framing (only 204 has none)",
			res:  Response{StatusCode: 205},
			want: "HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "303 has a body",
			res:  Response{StatusCode: 303, Header: http.Header{"Location": {"/b"}}, Body: strings.NewReader("see /b"), ContentLength: 6},
			want: "HTTP/1.1 303 See Other\r\nContent-Length: 6\r\nLocation: /b\r\n\r\nsee /b",
		},
		{
			name: "305 has framing (only 304 has none)",
			res:  Response{StatusCode: 305, ContentLength: -1},
			want: "HTTP/1.1 305 Use Proxy\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		},
		{
			name: "a tab inside a value or reason is not a control character to refuse",
			res:  Response{StatusCode: 200, Reason: "O\tK", Header: http.Header{"X-A": {"a\tb ~"}}},
			want: "HTTP/1.1 200 O\tK\r\nContent-Length: 0\r\nX-A: a\tb ~\r\n\r\n",
		},
		{
			name: "non-ASCII in a value is kept",
			res:  Response{StatusCode: 200, Header: http.Header{"X-Note": {"caf\u00e9 \u0080"}}},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Note: caf\u00e9 \u0080\r\n\r\n",
		},
		{
			name: "every token character is allowed in a name",
			res:  Response{StatusCode: 200, Header: http.Header{"az-AZ-09!#$%&'*+.^_`|~": {"1"}, "Z": {"2"}, "a": {"3"}, "9": {"4"}}},
			want: "HTTP/1.1 200 OK\r\n9: 4\r\nA: 3\r\nAz-Az-09!#$%&'*+.^_`|~: 1\r\nContent-Length: 0\r\nZ: 2\r\n\r\n",
		},
		{
			name: "HEAD: GET's Content-Length, no body",
			res:  Response{StatusCode: 200, Body: strings.NewReader("hello"), ContentLength: 5, HeadRequest: true},
			want: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
		},
		{
			name: "HEAD: GET's Transfer-Encoding, no chunks",
			res:  Response{StatusCode: 200, Body: body("never sent"), ContentLength: -1, HeadRequest: true},
			want: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, &tc.res); err != nil {
				t.Fatalf("Write(%s) error = %v, want nil", tc.name, err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("Write(%s) wrote\n%q\nwant\n%q", tc.name, got, tc.want)
			}
		})
	}
}

func TestWriteHeadDoesNotReadBody(t *testing.T) {
	editHint(t)
	r := strings.NewReader("hello")
	if err := Write(io.Discard, &Response{StatusCode: 200, Body: r, ContentLength: 5, HeadRequest: true}); err != nil {
		t.Fatalf("Write(HEAD) error = %v, want nil", err)
	}
	if r.Len() != 5 {
		t.Errorf("Write(HEAD) read %d bytes of the body, want 0", 5-r.Len())
	}
}

// TestWriteRejects covers responses that must not be written. Problems
// visible before writing must leave the writer untouched.
func TestWriteRejects(t *testing.T) {
	editHint(t)
	tests := []struct {
		name           string
		res            Response
		want           error
		nothingWritten bool
	}{
		{"status 99", Response{StatusCode: 99}, ErrInvalidStatus, true},
		{"status 0 (forgotten)", Response{}, ErrInvalidStatus, true},
		{"status 1000", Response{StatusCode: 1000}, ErrInvalidStatus, true},
		{"reason with CRLF", Response{StatusCode: 200, Reason: "OK\r\nSet-Cookie: admin=1"}, ErrInvalidReason, true},
		{"name with a space", Response{StatusCode: 200, Header: http.Header{"Bad Name": {"x"}}}, ErrInvalidHeader, true},
		{"name with a colon", Response{StatusCode: 200, Header: http.Header{"X-A:": {"x"}}}, ErrInvalidHeader, true},
		{"empty name", Response{StatusCode: 200, Header: http.Header{"": {"x"}}}, ErrInvalidHeader, true},
		{"value with CRLF (response splitting)", Response{StatusCode: 302,
			Header: http.Header{"Location": {"/home\r\nSet-Cookie: admin=1"}}}, ErrInvalidHeader, true},
		{"value with a bare LF", Response{StatusCode: 200, Header: http.Header{"X-A": {"a\nb"}}}, ErrInvalidHeader, true},
		{"value with NUL", Response{StatusCode: 200, Header: http.Header{"X-A": {"a\x00b"}}}, ErrInvalidHeader, true},
		{"value with DEL", Response{StatusCode: 200, Header: http.Header{"X-A": {"a\x7fb"}}}, ErrInvalidHeader, true},
		{"reason with DEL", Response{StatusCode: 200, Reason: "O\x7fK"}, ErrInvalidReason, true},
		{"reason with a bare LF", Response{StatusCode: 200, Reason: "O\nK"}, ErrInvalidReason, true},
		{"name starting with a space", Response{StatusCode: 200, Header: http.Header{" X-A": {"x"}}}, ErrInvalidHeader, true},
		{"name with a non-token symbol", Response{StatusCode: 200, Header: http.Header{"X(A)": {"x"}}}, ErrInvalidHeader, true},
		{"name with non-ASCII", Response{StatusCode: 200, Header: http.Header{"X-Caf\u00e9": {"x"}}}, ErrInvalidHeader, true},
		{"trailer value with CRLF", Response{StatusCode: 200, ContentLength: -1,
			Trailer: http.Header{"X-A": {"1\r\nX-Evil: 2"}}}, ErrInvalidHeader, true},
		{"trailer with a known length", Response{StatusCode: 200, Body: strings.NewReader("abc"), ContentLength: 3,
			Trailer: http.Header{"X-A": {"1"}}}, ErrTrailerNeedsChunked, true},
		{"body on a 199", Response{StatusCode: 199, Body: strings.NewReader("")}, ErrBodyNotAllowed, true},
		{"trailer name with a space", Response{StatusCode: 200, ContentLength: -1,
			Trailer: http.Header{"Bad Name": {"x"}}}, ErrInvalidHeader, true},
		{"caller sets Content-Length", Response{StatusCode: 200, Header: http.Header{"Content-Length": {"5"}}}, ErrFramingHeader, true},
		{"caller sets transfer-encoding", Response{StatusCode: 200, ContentLength: -1,
			Header: http.Header{"transfer-encoding": {"chunked"}}}, ErrFramingHeader, true},
		{"caller sets Trailer", Response{StatusCode: 200, ContentLength: -1, Header: http.Header{"Trailer": {"X-A"}}}, ErrFramingHeader, true},
		{"trailer without chunked", Response{StatusCode: 200, ContentLength: 0,
			Trailer: http.Header{"X-A": {"1"}}}, ErrTrailerNeedsChunked, true},
		{"body on a 204", Response{StatusCode: 204, Body: strings.NewReader("x"), ContentLength: 1}, ErrBodyNotAllowed, true},
		{"body on a 304", Response{StatusCode: 304, Body: strings.NewReader("")}, ErrBodyNotAllowed, true},
		{"body on a 100", Response{StatusCode: 100, Body: strings.NewReader("x")}, ErrBodyNotAllowed, true},
		{"body shorter than Content-Length", Response{StatusCode: 200, Body: strings.NewReader("short"), ContentLength: 10}, ErrBodyLength, false},
		{"body longer than Content-Length", Response{StatusCode: 200, Body: strings.NewReader("long"), ContentLength: 2}, ErrBodyLength, false},
		{"body one byte longer than Content-Length", Response{StatusCode: 200, Body: strings.NewReader("abc"), ContentLength: 2}, ErrBodyLength, false},
		{"no body but Content-Length 3", Response{StatusCode: 200, ContentLength: 3}, ErrBodyLength, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, &tc.res)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Write(%s) error = %v, want %v", tc.name, err, tc.want)
			}
			if tc.nothingWritten && b.Len() > 0 {
				t.Errorf("Write(%s) wrote %q before failing, want nothing written", tc.name, b.String())
			}
		})
	}
}

func TestWritePassesOnBodyErrors(t *testing.T) {
	editHint(t)
	boom := errors.New("disk on fire")
	for _, cl := range []int64{4, -1} {
		err := Write(io.Discard, &Response{StatusCode: 200, Body: iotest.ErrReader(boom), ContentLength: cl})
		if !errors.Is(err, boom) {
			t.Errorf("Write with a failing body (ContentLength %d) error = %v, want the body's error %v", cl, err, boom)
		}
	}
	// The body fails only after its last byte: finding out that it is not
	// longer than ContentLength is a read too, and its error counts.
	late := io.MultiReader(strings.NewReader("abcd"), iotest.ErrReader(boom))
	if err := Write(io.Discard, &Response{StatusCode: 200, Body: late, ContentLength: 4}); !errors.Is(err, boom) {
		t.Errorf("Write with a body that fails after its 4 bytes (ContentLength 4) error = %v, want the body's error %v", err, boom)
	}
	late = io.MultiReader(strings.NewReader("abcd"), iotest.ErrReader(boom))
	if err := Write(io.Discard, &Response{StatusCode: 200, Body: late, ContentLength: -1}); !errors.Is(err, boom) {
		t.Errorf("Write with a chunked body that fails after 4 bytes error = %v, want the body's error %v", err, boom)
	}
}

// failingWriter accepts ok bytes, then fails every Write — or, with once,
// only the Write that crosses the limit, accepting everything after it.
type failingWriter struct {
	ok     int
	err    error
	once   bool
	failed bool
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.failed && w.once || len(p) <= w.ok {
		w.ok -= len(p)
		return len(p), nil
	}
	n := w.ok
	w.ok, w.failed = 0, true
	return n, w.err
}

// TestWritePassesOnWriteErrors: a connection that breaks while the response
// is being written must be reported, wherever it breaks.
func TestWritePassesOnWriteErrors(t *testing.T) {
	editHint(t)
	broken := errors.New("connection reset")
	chunked := func() *Response {
		return &Response{StatusCode: 200, Body: body("Wiki", "pedia"), ContentLength: -1, Trailer: http.Header{"X-A": {"1"}}}
	}
	fixed := func() *Response {
		return &Response{StatusCode: 200, Body: strings.NewReader("hello"), ContentLength: 5}
	}
	var full bytes.Buffer
	if err := Write(&full, chunked()); err != nil {
		t.Fatalf("Write(chunked) error = %v, want nil", err)
	}
	headLen := strings.Index(full.String(), "\r\n\r\n") + 4
	tests := []struct {
		name string
		res  *Response
		ok   int
	}{
		{"fails on the head of a HEAD response", &Response{StatusCode: 200, ContentLength: 5, Body: strings.NewReader("hello"), HeadRequest: true}, 0},
		{"fails on the head of a 204", &Response{StatusCode: 204}, 0},
		{"fails on the head of a fixed-length response", fixed(), 0},
		{"fails on a fixed-length body", fixed(), len("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")},
		{"fails on the head of a chunked response", chunked(), 0},
		{"fails on the first chunk", chunked(), headLen},
		{"fails on the last chunk", chunked(), headLen + len("4\r\nWiki\r\n5\r\npedia\r\n")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &failingWriter{ok: tc.ok, err: broken}
			if err := Write(w, tc.res); !errors.Is(err, broken) {
				t.Errorf("Write to a writer that fails after %d bytes: error = %v, want the writer's error %v", tc.ok, err, broken)
			}
		})
	}
	// The first failed write ends the response, even if later writes would
	// go through: the bytes on the wire are already wrong.
	t.Run("a chunk that fails once is not ignored", func(t *testing.T) {
		w := &failingWriter{ok: headLen, err: broken, once: true}
		if err := Write(w, chunked()); !errors.Is(err, broken) {
			t.Errorf("Write to a writer whose first chunk fails once: error = %v, want the writer's error %v", err, broken)
		}
	})
}

// TestWriteRoundTrip feeds Write's output to net/http's own parser.
func TestWriteRoundTrip(t *testing.T) {
	editHint(t)
	var b bytes.Buffer
	err := Write(&b, &Response{StatusCode: 201, Header: http.Header{"Location": {"/articles/1"}},
		Body: iotest.OneByteReader(strings.NewReader("created")), ContentLength: -1,
		Trailer: http.Header{"X-Count": {"7"}}})
	if err != nil {
		t.Fatalf("Write error = %v, want nil", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(&b), nil)
	if err != nil {
		t.Fatalf("http.ReadResponse could not parse Write's output %q: %v", b.String(), err)
	}
	got, err := io.ReadAll(resp.Body)
	if err != nil || string(got) != "created" || resp.StatusCode != 201 || resp.Trailer.Get("X-Count") != "7" {
		t.Errorf("net/http read back status %d, body %q (err %v), trailer %v; want 201, \"created\", X-Count: 7",
			resp.StatusCode, got, err, resp.Trailer)
	}
}
