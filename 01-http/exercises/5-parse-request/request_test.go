package parserequest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// editHint points a failing learner at the file to change.
func editHint(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("edit exercises/5-parse-request/request.go (hints: exercises/5-parse-request/README.md)")
		}
	})
}

// read parses raw with the given limits.
func read(raw string, lim Limits) (*Request, error) {
	return ReadRequest(bufio.NewReader(strings.NewReader(raw)), lim)
}

func TestReadRequest(t *testing.T) {
	editHint(t)
	tests := []struct {
		name string
		raw  string
		want Request
	}{
		{
			name: "minimal GET",
			raw:  "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
			want: Request{Method: "GET", Target: "/", Proto: "HTTP/1.1", Header: http.Header{"Host": {"example.com"}}},
		},
		{
			name: "names canonical, values trimmed, repeats kept in order",
			raw: "GET /search?q=go HTTP/1.1\r\nhost: example.com\r\naccept: text/html\r\nX-Empty:\r\n" +
				"Accept:  \t application/json \t\r\nx-request-id:abc\r\n\r\n",
			want: Request{Method: "GET", Target: "/search?q=go", Proto: "HTTP/1.1", Header: http.Header{
				"Host": {"example.com"}, "Accept": {"text/html", "application/json"}, "X-Empty": {""}, "X-Request-Id": {"abc"},
			}},
		},
		{
			name: "inner whitespace and UTF-8 (obs-text) in a value are kept",
			raw:  "GET / HTTP/1.1\r\nHost: a\r\nX-Note: caf\xc3\xa9  au\tlait\r\n\r\n",
			want: Request{Method: "GET", Target: "/", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "X-Note": {"caf\xc3\xa9  au\tlait"}}},
		},
		{
			name: "Content-Length body",
			raw:  "POST /articles HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"title\":\"Hi\"}",
			want: Request{Method: "POST", Target: "/articles", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Content-Type": {"application/json"}, "Content-Length": {"14"}},
				Body:   []byte(`{"title":"Hi"}`)},
		},
		{
			name: "Content-Length 0",
			raw:  "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
			want: Request{Method: "POST", Target: "/x", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}, "Content-Length": {"0"}}},
		},
		{
			name: "repeated identical Content-Length is one length",
			raw:  "PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc",
			want: Request{Method: "PUT", Target: "/x", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Content-Length": {"3", "3, 3"}}, Body: []byte("abc")},
		},
		{
			name: "leading zeros in Content-Length",
			raw:  "PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 003\r\n\r\nabc",
			want: Request{Method: "PUT", Target: "/x", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Content-Length": {"003"}}, Body: []byte("abc")},
		},
		{
			// The RFC 9112 §7.1 example body: "Wiki" + "pedia" + " in\r\n\r\nchunks."
			name: "chunked body",
			raw: "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n",
			want: Request{Method: "POST", Target: "/upload", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}}, Body: []byte("Wikipedia in\r\n\r\nchunks.")},
		},
		{
			name: "chunked, case-insensitive coding, extensions ignored, hex sizes",
			raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n" +
				"a;name=value\r\n0123456789\r\n1A ; ext\r\nabcdefghijklmnopqrstuvwxyz\r\n000\r\n\r\n",
			want: Request{Method: "POST", Target: "/", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Transfer-Encoding": {"Chunked"}},
				Body:   []byte("0123456789abcdefghijklmnopqrstuvwxyz")},
		},
		{
			name: "chunked with trailer fields",
			raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n" +
				"3\r\nabc\r\n0\r\nx-checksum: 900150983cd24fb0\r\nServer-Timing: db;dur=5\r\n\r\n",
			want: Request{Method: "POST", Target: "/", Proto: "HTTP/1.1",
				Header:  http.Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}, "Trailer": {"X-Checksum"}},
				Body:    []byte("abc"),
				Trailer: http.Header{"X-Checksum": {"900150983cd24fb0"}, "Server-Timing": {"db;dur=5"}}},
		},
		{
			name: "chunked with no data chunks",
			raw:  "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			want: Request{Method: "POST", Target: "/", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}}},
		},
		{
			name: "tab as whitespace around a value",
			raw:  "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tchunked\t\r\n\r\n1\r\nz\r\n0\r\n\r\n",
			want: Request{Method: "POST", Target: "/", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}}, Body: []byte("z")},
		},
		{
			name: "bare LF line endings are tolerated",
			raw:  "GET / HTTP/1.1\nHost: a\n\n",
			want: Request{Method: "GET", Target: "/", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}}},
		},
		{
			name: "one empty line before the request line is ignored",
			raw:  "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
			want: Request{Method: "GET", Target: "/", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}}},
		},
		{
			name: "HTTP/1.0 needs no Host",
			raw:  "GET /old HTTP/1.0\r\n\r\n",
			want: Request{Method: "GET", Target: "/old", Proto: "HTTP/1.0", Header: http.Header{}},
		},
		{
			name: "asterisk-form target",
			raw:  "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
			want: Request{Method: "OPTIONS", Target: "*", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}}},
		},
		{
			name: "authority-form target",
			raw:  "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
			want: Request{Method: "CONNECT", Target: "example.com:443", Proto: "HTTP/1.1", Header: http.Header{"Host": {"example.com:443"}}},
		},
		{
			name: "absolute-form target",
			raw:  "GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n",
			want: Request{Method: "GET", Target: "http://example.com/a?b", Proto: "HTTP/1.1", Header: http.Header{"Host": {"example.com"}}},
		},
		{
			name: "every token character in a method and a field name",
			raw:  "azAZ09!#$%&'*+-.^_`|~ / HTTP/1.1\r\nHost: a\r\nx9!#$%&'*+.^_`|~az: 1\r\nZ: 2\r\n0: 3\r\n\r\n",
			want: Request{Method: "azAZ09!#$%&'*+-.^_`|~", Target: "/", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "X9!#$%&'*+.^_`|~az": {"1"}, "Z": {"2"}, "0": {"3"}}},
		},
		{
			name: "every printable character in a target, ~ included",
			raw:  "GET /~user/a-b_c.d!$&'()*+,;=:@%20?q=1&r=[x]{y}|\\^`\"<># HTTP/1.1\r\nHost: a\r\n\r\n",
			want: Request{Method: "GET", Target: "/~user/a-b_c.d!$&'()*+,;=:@%20?q=1&r=[x]{y}|\\^`\"<>#", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}}},
		},
		{
			name: "Content-Length with a 9",
			raw:  "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n123456789",
			want: Request{Method: "POST", Target: "/x", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Content-Length": {"9"}}, Body: []byte("123456789")},
		},
		{
			name: "chunk sizes with 9, f and F",
			raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"9\r\n123456789\r\nf\r\nabcdefghijklmno\r\nF\r\npqrstuvwxyzABCD\r\n0\r\n\r\n",
			want: Request{Method: "POST", Target: "/", Proto: "HTTP/1.1",
				Header: http.Header{"Host": {"a"}, "Transfer-Encoding": {"chunked"}},
				Body:   []byte("123456789abcdefghijklmnopqrstuvwxyzABCD")},
		},
		{
			name: "methods are case-sensitive tokens: kept as sent",
			raw:  "get / HTTP/1.1\r\nHost: a\r\n\r\n",
			want: Request{Method: "get", Target: "/", Proto: "HTTP/1.1", Header: http.Header{"Host": {"a"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(tc.raw, Limits{})
			if err != nil {
				t.Fatalf("ReadRequest(%q) error = %v, want nil", tc.raw, err)
			}
			assertRequest(t, tc.raw, got, &tc.want)
		})
	}
}

// assertRequest compares field by field, treating nil and empty bodies alike.
func assertRequest(t *testing.T, raw string, got, want *Request) {
	t.Helper()
	if got == nil {
		t.Fatalf("ReadRequest(%q) = nil request, want %+v", raw, want)
	}
	if got.Method != want.Method || got.Target != want.Target || got.Proto != want.Proto {
		t.Errorf("ReadRequest(%q) request line = %q %q %q, want %q %q %q",
			raw, got.Method, got.Target, got.Proto, want.Method, want.Target, want.Proto)
	}
	if !reflect.DeepEqual(got.Header, want.Header) {
		t.Errorf("ReadRequest(%q) Header = %q, want %q", raw, got.Header, want.Header)
	}
	if string(got.Body) != string(want.Body) {
		t.Errorf("ReadRequest(%q) Body = %q, want %q", raw, got.Body, want.Body)
	}
	if !reflect.DeepEqual(got.Trailer, want.Trailer) {
		t.Errorf("ReadRequest(%q) Trailer = %#v, want %#v (nil when there are no trailer fields)", raw, got.Trailer, want.Trailer)
	}
}

func TestReadRequestErrors(t *testing.T) {
	editHint(t)
	const host = "Host: a\r\n"
	tests := []struct {
		name       string
		raw        string
		lim        Limits
		want       error
		wantStatus int
	}{
		// The request line.
		{"empty request line", "\r\n\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"two parts", "GET /\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"double space", "GET  / HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"tab separator", "GET\t/ HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"trailing space", "GET / HTTP/1.1 \r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"space in target", "GET /a b HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"raw UTF-8 in target", "GET /caf\xc3\xa9 HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"method not a token", "GE(T / HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"bare CR in the request line", "GET /\r HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"lowercase version", "GET / http/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"version with two digits", "GET / HTTP/1.10\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"letter for the major version", "GET / HTTP/a.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"letter for the minor version", "GET / HTTP/1.a\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"comma instead of the dot", "GET / HTTP/1,1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"version without a minor", "GET / HTTP/11\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"other protocol name", "GET / HTTPS1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"DEL in target", "GET /a\x7fb HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"method starting with a non-token character", "(GET / HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"method with a non-ASCII byte", "G\xc3\x89T / HTTP/1.1\r\n" + host + "\r\n", Limits{}, ErrMalformedRequestLine, 400},
		{"HTTP/9.9", "GET / HTTP/9.9\r\n" + host + "\r\n", Limits{}, ErrUnsupportedVersion, 505},
		{"HTTP/1.2", "GET / HTTP/1.2\r\n" + host + "\r\n", Limits{}, ErrUnsupportedVersion, 505},
		{"HTTP/2.0 on an HTTP/1 connection", "GET / HTTP/2.0\r\n" + host + "\r\n", Limits{}, ErrUnsupportedVersion, 505},
		{"HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", Limits{}, ErrUnsupportedVersion, 505},
		{"request line over the limit", "GET /" + strings.Repeat("a", 100) + " HTTP/1.1\r\n" + host + "\r\n",
			Limits{MaxLineBytes: 64}, ErrRequestLineTooLong, 414},
		{"request line over the default 8 KiB", "GET /" + strings.Repeat("a", 8<<10) + " HTTP/1.1\r\n" + host + "\r\n",
			Limits{}, ErrRequestLineTooLong, 414},

		// Header fields.
		{"no colon", "GET / HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"empty name", "GET / HTTP/1.1\r\n" + host + ": value\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"space before the colon", "GET / HTTP/1.1\r\n" + host + "X-A : 1\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"space inside the name", "GET / HTTP/1.1\r\n" + host + "X A: 1\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"DEL in a value", "GET / HTTP/1.1\r\n" + host + "X-A: a\x7fb\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"name starting with a non-token character", "GET / HTTP/1.1\r\n" + host + "@X: 1\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"name with a non-token symbol", "GET / HTTP/1.1\r\n" + host + "X[1]: 1\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"NUL in a value", "GET / HTTP/1.1\r\n" + host + "X-A: a\x00b\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"bare CR in a value", "GET / HTTP/1.1\r\n" + host + "X-A: a\rb\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"obs-fold continuation line", "GET / HTTP/1.1\r\n" + host + "X-A: one\r\n two\r\n\r\n", Limits{}, ErrObsFold, 400},
		{"obs-fold with a tab", "GET / HTTP/1.1\r\n" + host + "X-A: one\r\n\ttwo\r\n\r\n", Limits{}, ErrObsFold, 400},
		{"whitespace before the first field", "GET / HTTP/1.1\r\n " + host + "\r\n", Limits{}, ErrObsFold, 400},
		{"field line over the limit", "GET / HTTP/1.1\r\n" + host + "X-Long: " + strings.Repeat("v", 60) + "\r\n\r\n",
			Limits{MaxLineBytes: 64}, ErrHeaderTooLarge, 431},
		{"too many fields", "GET / HTTP/1.1\r\n" + host + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n",
			Limits{MaxHeaderCount: 3}, ErrTooManyHeaders, 431},
		{"header section over the limit", "GET / HTTP/1.1\r\n" + host + strings.Repeat("X-Pad: 0123456789\r\n", 5) + "\r\n",
			Limits{MaxHeaderBytes: 64}, ErrHeaderTooLarge, 431},

		// Host.
		{"HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", Limits{}, ErrBadHost, 400},
		{"two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Limits{}, ErrBadHost, 400},
		{"two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", Limits{}, ErrBadHost, 400},

		// Framing: the request-smuggling cases.
		{"Content-Length and Transfer-Encoding (CL.TE)",
			"POST / HTTP/1.1\r\n" + host + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
			Limits{}, ErrConflictingFraming, 400},
		{"Transfer-Encoding and Content-Length (TE.CL)",
			"POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n",
			Limits{}, ErrConflictingFraming, 400},
		{"Content-Length values disagree", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
			Limits{}, ErrInvalidContentLength, 400},
		{"Content-Length list disagrees", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 6\r\n\r\nhello!",
			Limits{}, ErrInvalidContentLength, 400},
		{"Content-Length 0 then 5", "POST / HTTP/1.1\r\n" + host + "Content-Length: 0\r\nContent-Length: 5\r\n\r\nhello",
			Limits{}, ErrInvalidContentLength, 400},
		{"Content-Length list with an empty element", "POST / HTTP/1.1\r\n" + host + "Content-Length: 5,\r\n\r\nhello",
			Limits{}, ErrInvalidContentLength, 400},
		{"negative Content-Length", "POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n", Limits{}, ErrInvalidContentLength, 400},
		{"Content-Length with a plus sign", "POST / HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\nhello", Limits{}, ErrInvalidContentLength, 400},
		{"hex Content-Length", "POST / HTTP/1.1\r\n" + host + "Content-Length: 0x5\r\n\r\nhello", Limits{}, ErrInvalidContentLength, 400},
		{"empty Content-Length", "POST / HTTP/1.1\r\n" + host + "Content-Length:\r\n\r\n", Limits{}, ErrInvalidContentLength, 400},
		{"Content-Length overflowing int64", "POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n",
			Limits{}, ErrInvalidContentLength, 400},
		{"unknown transfer coding", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: xchunked\r\n\r\n",
			Limits{}, ErrUnsupportedTransferEncoding, 501},
		{"gzip then chunked", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n",
			Limits{}, ErrUnsupportedTransferEncoding, 501},
		{"chunked twice, over two fields", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
			Limits{}, ErrUnsupportedTransferEncoding, 501},
		{"chunked then identity", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
			Limits{}, ErrUnsupportedTransferEncoding, 501},
		{"Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			Limits{}, ErrUnsupportedTransferEncoding, 501},
		{"space before the colon of Transfer-Encoding",
			"POST / HTTP/1.1\r\n" + host + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", Limits{}, ErrMalformedHeader, 400},
		{"Transfer-Encoding hidden in a folded line",
			"POST / HTTP/1.1\r\n" + host + "X-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Limits{}, ErrObsFold, 400},

		// Chunks.
		{"chunk size not hex", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nxyz\r\n", Limits{}, ErrMalformedChunk, 400},
		{"chunk size with 0x", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", Limits{}, ErrMalformedChunk, 400},
		{"negative chunk size", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", Limits{}, ErrMalformedChunk, 400},
		{"empty chunk-size line", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n\r\n", Limits{}, ErrMalformedChunk, 400},
		{"chunk size overflowing int64", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n",
			Limits{}, ErrMalformedChunk, 400},
		{"chunk data longer than its size", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
			Limits{}, ErrMalformedChunk, 400},
		{"no CRLF after chunk data", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc0\r\n\r\n",
			Limits{}, ErrMalformedChunk, 400},
		{"bare CR in a chunk extension", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3;a\rb\r\nabc\r\n0\r\n\r\n",
			Limits{}, ErrMalformedChunk, 400},
		{"chunk size with a letter past f", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n1g\r\n", Limits{}, ErrMalformedChunk, 400},
		{"chunk-size line over the limit", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3;" + strings.Repeat("e", 100) + "\r\nabc\r\n0\r\n\r\n",
			Limits{MaxLineBytes: 64}, ErrMalformedChunk, 400},
		{"trailer field line over the limit", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + strings.Repeat("t", 100) + "\r\n\r\n",
			Limits{MaxLineBytes: 64}, ErrHeaderTooLarge, 431},
		{"obs-fold in the trailer", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-A: 1\r\n 2\r\n\r\n",
			Limits{}, ErrObsFold, 400},

		// Body size.
		{"Content-Length over the limit, refused before reading", "POST / HTTP/1.1\r\n" + host + "Content-Length: 2000\r\n\r\n",
			Limits{MaxBodyBytes: 1000}, ErrBodyTooLarge, 413},
		{"Content-Length at int64's maximum is a length, just too large", "POST / HTTP/1.1\r\n" + host + "Content-Length: 9223372036854775807\r\n\r\n",
			Limits{}, ErrBodyTooLarge, 413},
		{"Content-Length over the default 1 MiB", "POST / HTTP/1.1\r\n" + host + "Content-Length: 1048577\r\n\r\n",
			Limits{}, ErrBodyTooLarge, 413},
		{"chunks adding up over the limit", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n" +
			"8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n", Limits{MaxBodyBytes: 10}, ErrBodyTooLarge, 413},
		{"one huge chunk, refused before reading", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n" +
			"7fffffffffffffff\r\n", Limits{}, ErrBodyTooLarge, 413},

		// Cut short.
		{"ends inside the request line", "GET / HT", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends inside the headers", "GET / HTTP/1.1\r\n" + host, Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends inside a Content-Length body", "POST / HTTP/1.1\r\n" + host + "Content-Length: 10\r\n\r\nabc", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends before the body", "POST / HTTP/1.1\r\n" + host + "Content-Length: 10\r\n\r\n", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends right after chunk data", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends inside chunk data", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n5\r\nabc", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends before the last chunk", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", Limits{}, io.ErrUnexpectedEOF, 400},
		{"ends inside the trailer", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-A: 1\r\n", Limits{}, io.ErrUnexpectedEOF, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(tc.raw, tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ReadRequest(%q) = %+v, %v; want error %v", tc.raw, got, err, tc.want)
			}
			if got != nil {
				t.Errorf("ReadRequest(%q) returned a request with its error, want nil", tc.raw)
			}
			if status := StatusCode(err); status != tc.wantStatus {
				t.Errorf("StatusCode(%v) = %d, want %d", err, status, tc.wantStatus)
			}
		})
	}
}

// TestReadRequestLimitBoundaries: a limit is the largest size accepted.
func TestReadRequestLimitBoundaries(t *testing.T) {
	editHint(t)
	line := "GET /" + strings.Repeat("a", 50) + " HTTP/1.1" // 64 bytes
	if len(line) != 64 {
		t.Fatalf("test setup: line is %d bytes, want 64", len(line))
	}
	raw := line + "\r\nHost: a\r\n\r\n"
	if _, err := read(raw, Limits{MaxLineBytes: 64}); err != nil {
		t.Errorf("ReadRequest with a 64-byte request line and MaxLineBytes 64: error = %v, want nil", err)
	}
	if _, err := read(raw, Limits{MaxLineBytes: 63}); !errors.Is(err, ErrRequestLineTooLong) {
		t.Errorf("ReadRequest with a 64-byte request line and MaxLineBytes 63: error = %v, want %v", err, ErrRequestLineTooLong)
	}

	body := "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"
	if _, err := read(body, Limits{MaxBodyBytes: 10}); err != nil {
		t.Errorf("ReadRequest with a 10-byte body and MaxBodyBytes 10: error = %v, want nil", err)
	}
	chunked := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n"
	if _, err := read(chunked, Limits{MaxBodyBytes: 10}); err != nil {
		t.Errorf("ReadRequest with 10 bytes of chunks and MaxBodyBytes 10: error = %v, want nil", err)
	}

	three := "GET / HTTP/1.1\r\nHost: a\r\nB: 2\r\nC: 3\r\n\r\n"
	if _, err := read(three, Limits{MaxHeaderCount: 3}); err != nil {
		t.Errorf("ReadRequest with 3 fields and MaxHeaderCount 3: error = %v, want nil", err)
	}
	// A limit of 1 is a limit, not "use the default".
	for _, tc := range []struct {
		name string
		raw  string
		lim  Limits
		want error
	}{
		{"MaxLineBytes 1", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", Limits{MaxLineBytes: 1}, ErrRequestLineTooLong},
		{"MaxHeaderCount 1", "GET / HTTP/1.1\r\nHost: a\r\nB: 2\r\n\r\n", Limits{MaxHeaderCount: 1}, ErrTooManyHeaders},
		{"MaxHeaderBytes 1", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", Limits{MaxHeaderBytes: 1}, ErrHeaderTooLarge},
		{"MaxBodyBytes 1", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab", Limits{MaxBodyBytes: 1}, ErrBodyTooLarge},
	} {
		if _, err := read(tc.raw, tc.lim); !errors.Is(err, tc.want) {
			t.Errorf("ReadRequest(%q) with %s: error = %v, want %v", tc.raw, tc.name, err, tc.want)
		}
	}

	// A 65-byte line ending in a bare LF is as long as a 64-byte one ending
	// in CRLF, and still one byte too long.
	if _, err := read(line+"a\nHost: a\n\n", Limits{MaxLineBytes: 64}); !errors.Is(err, ErrRequestLineTooLong) {
		t.Errorf("ReadRequest with a 65-byte request line ending in LF and MaxLineBytes 64: error = %v, want %v", err, ErrRequestLineTooLong)
	}
	if _, err := read(line+"\nHost: a\n\n", Limits{MaxLineBytes: 64}); err != nil {
		t.Errorf("ReadRequest with a 64-byte request line ending in LF and MaxLineBytes 64: error = %v, want nil", err)
	}

	// The trailer section has its own count.
	trailer3 := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nB: 2\r\n\r\n0\r\nX: 1\r\nY: 2\r\nZ: 3\r\n\r\n"
	if _, err := read(trailer3, Limits{MaxHeaderCount: 3}); err != nil {
		t.Errorf("ReadRequest with 3 header and 3 trailer fields and MaxHeaderCount 3: error = %v, want nil", err)
	}
	if _, err := read(strings.Replace(trailer3, "Z: 3\r\n", "Z: 3\r\nW: 4\r\n", 1), Limits{MaxHeaderCount: 3}); !errors.Is(err, ErrTooManyHeaders) {
		t.Errorf("ReadRequest with 4 trailer fields and MaxHeaderCount 3: error = %v, want %v", err, ErrTooManyHeaders)
	}

	// "Host: a" and "B: 2" are 7+2 and 4+2 bytes: 15. The request line and
	// the empty line do not count; bare-LF lines count as if they had CRLF.
	fields := "GET / HTTP/1.1\r\nHost: a\r\nB: 2\r\n\r\n"
	for _, raw := range []string{fields, strings.ReplaceAll(fields, "\r\n", "\n")} {
		if _, err := read(raw, Limits{MaxHeaderBytes: 15}); err != nil {
			t.Errorf("ReadRequest(%q) with 15 bytes of field lines and MaxHeaderBytes 15: error = %v, want nil", raw, err)
		}
		if _, err := read(raw, Limits{MaxHeaderBytes: 14}); !errors.Is(err, ErrHeaderTooLarge) {
			t.Errorf("ReadRequest(%q) with 15 bytes of field lines and MaxHeaderBytes 14: error = %v, want %v", raw, err, ErrHeaderTooLarge)
		}
	}

	// A 64-byte field line passes MaxLineBytes 64, a 65-byte one does not.
	field := "X-A: " + strings.Repeat("v", 59)
	for _, tc := range []struct {
		line string
		want error
	}{{field, nil}, {field + "v", ErrHeaderTooLarge}} {
		raw := "GET / HTTP/1.1\r\nHost: a\r\n" + tc.line + "\r\n\r\n"
		if _, err := read(raw, Limits{MaxLineBytes: 64}); !errors.Is(err, tc.want) {
			t.Errorf("ReadRequest with a %d-byte field line and MaxLineBytes 64: error = %v, want %v", len(tc.line), err, tc.want)
		}
	}

	// The default limits: 100 fields, 64 KiB of field lines.
	var many strings.Builder
	many.WriteString("GET / HTTP/1.1\r\nHost: a\r\n")
	for i := 1; i < 100; i++ {
		fmt.Fprintf(&many, "X-%d: %d\r\n", i, i)
	}
	if _, err := read(many.String()+"\r\n", Limits{}); err != nil {
		t.Errorf("ReadRequest with 100 fields and default limits: error = %v, want nil", err)
	}
	if _, err := read(many.String()+"X-100: 100\r\n\r\n", Limits{}); !errors.Is(err, ErrTooManyHeaders) {
		t.Errorf("ReadRequest with 101 fields and default limits: error = %v, want %v", err, ErrTooManyHeaders)
	}
	big := "GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-Pad: "+strings.Repeat("p", 8000)+"\r\n", 9) + "\r\n"
	if _, err := read(big, Limits{}); !errors.Is(err, ErrHeaderTooLarge) {
		t.Errorf("ReadRequest with 72 KB of field lines and default limits: error = %v, want %v", err, ErrHeaderTooLarge)
	}
}

// TestReadRequestSequence reads requests back to back from one connection,
// as a keep-alive server does: each must end exactly where its framing says.
func TestReadRequestSequence(t *testing.T) {
	editHint(t)
	stream := "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +
		"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-T: 1\r\n\r\n" +
		"GET /c HTTP/1.1\r\nHost: x\r\n\r\n"
	br := bufio.NewReader(strings.NewReader(stream))
	want := []struct{ target, body string }{{"/a", "hello"}, {"/b", "hi"}, {"/c", ""}}
	for i, w := range want {
		req, err := ReadRequest(br, Limits{})
		if err != nil {
			t.Fatalf("request %d: ReadRequest error = %v, want nil", i+1, err)
		}
		if req.Target != w.target || string(req.Body) != w.body {
			t.Errorf("request %d = %s with body %q, want %s with body %q", i+1, req.Target, req.Body, w.target, w.body)
		}
	}
	if req, err := ReadRequest(br, Limits{}); err != io.EOF || req != nil {
		t.Errorf("ReadRequest after the last request = %v, %v; want nil, io.EOF", req, err)
	}
	if status := StatusCode(io.EOF); status != 0 {
		t.Errorf("StatusCode(io.EOF) = %d, want 0 (no response to a closed connection)", status)
	}
}

// TestReadRequestDoesNotBufferUnboundedLines feeds an endless header line:
// the parser must give up after about MaxLineBytes, not read forever.
func TestReadRequestDoesNotBufferUnboundedLines(t *testing.T) {
	editHint(t)
	endless := io.MultiReader(strings.NewReader("GET / HTTP/1.1\r\nHost: a\r\nX-Endless: "), &endlessValue{})
	_, err := ReadRequest(bufio.NewReader(endless), Limits{MaxLineBytes: 1024})
	if !errors.Is(err, ErrHeaderTooLarge) {
		t.Fatalf("ReadRequest with an endless header line: error = %v, want %v", err, ErrHeaderTooLarge)
	}
}

// endlessValue is a never-ending stream of 'a'. Read past 1 MiB, it fails
// with an error that says the line limit is not enforced.
type endlessValue struct{ n int }

func (c *endlessValue) Read(p []byte) (int, error) {
	if c.n > 1<<20 {
		return 0, errors.New("read 1 MiB of one header line: the line limit is not enforced")
	}
	for i := range p {
		p[i] = 'a'
	}
	c.n += len(p)
	return len(p), nil
}
