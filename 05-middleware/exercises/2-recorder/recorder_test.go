package recorder

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// plainWriter is a ResponseWriter with none of the optional interfaces.
type plainWriter struct {
	h     http.Header
	codes []int
	body  strings.Builder
}

func (p *plainWriter) Header() http.Header         { return p.h }
func (p *plainWriter) WriteHeader(c int)           { p.codes = append(p.codes, c) }
func (p *plainWriter) Write(b []byte) (int, error) { return p.body.Write(b) }

// shortWriter accepts only the first 3 bytes of each Write.
type shortWriter struct{ plainWriter }

func (s *shortWriter) Write(b []byte) (int, error) {
	if len(b) > 3 {
		s.body.Write(b[:3])
		return 3, io.ErrShortWrite
	}
	return s.body.Write(b)
}

func TestRecorderStatusAndBytes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		handle    func(w http.ResponseWriter)
		status    int
		bytes     int64
		passed    []int // WriteHeader codes the wrapped writer saw
		wrotebody string
	}{
		{"nothing written", func(w http.ResponseWriter) {}, 200, 0, nil, ""},
		{"implicit 200", func(w http.ResponseWriter) { io.WriteString(w, "hello") }, 200, 5, nil, "hello"},
		{"explicit 404", func(w http.ResponseWriter) { w.WriteHeader(404); io.WriteString(w, "gone") }, 404, 4, []int{404}, "gone"},
		{"two writes", func(w http.ResponseWriter) { io.WriteString(w, "ab"); io.WriteString(w, "cde") }, 200, 5, nil, "abcde"},
		{"early hints then 201", func(w http.ResponseWriter) { w.WriteHeader(103); w.WriteHeader(103); w.WriteHeader(201) }, 201, 0, []int{103, 103, 201}, ""},
		{"superfluous WriteHeader", func(w http.ResponseWriter) { w.WriteHeader(202); w.WriteHeader(500) }, 202, 0, []int{202}, ""},
		{"WriteHeader after Write", func(w http.ResponseWriter) { io.WriteString(w, "x"); w.WriteHeader(500) }, 200, 1, nil, "x"},
		{"explicit 200 then 500", func(w http.ResponseWriter) { w.WriteHeader(200); w.WriteHeader(500) }, 200, 0, []int{200}, ""},
		{"every 1xx is informational, 100 to 199", func(w http.ResponseWriter) { w.WriteHeader(100); w.WriteHeader(199); w.WriteHeader(204) }, 204, 0, []int{100, 199, 204}, ""},
		{"WriteHeader(201) after Flush", func(w http.ResponseWriter) { w.(http.Flusher).Flush(); w.WriteHeader(201) }, 200, 0, nil, ""},
		{"Flush after WriteHeader(201)", func(w http.ResponseWriter) { w.WriteHeader(201); w.(http.Flusher).Flush() }, 201, 0, []int{201}, ""},
		{"Write after WriteHeader(404)", func(w http.ResponseWriter) { w.WriteHeader(404); io.WriteString(w, "ab"); w.WriteHeader(200) }, 404, 2, []int{404}, "ab"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pw := &plainWriter{h: http.Header{}}
			rec := New(pw)
			tc.handle(rec)
			if rec.Status() != tc.status || rec.BytesWritten() != tc.bytes {
				t.Errorf("Status(), BytesWritten() = %d, %d; want %d, %d", rec.Status(), rec.BytesWritten(), tc.status, tc.bytes)
			}
			if !slices.Equal(pw.codes, tc.passed) {
				t.Errorf("wrapped writer saw WriteHeader(%v), want %v", pw.codes, tc.passed)
			}
			if pw.body.String() != tc.wrotebody {
				t.Errorf("wrapped writer got body %q, want %q", pw.body.String(), tc.wrotebody)
			}
		})
	}
}

func TestRecorderCountsOnlyAcceptedBytes(t *testing.T) {
	rec := New(&shortWriter{plainWriter{h: http.Header{}}})
	n, err := io.WriteString(rec, "abcdef")
	if n != 3 || !errors.Is(err, io.ErrShortWrite) || rec.BytesWritten() != 3 {
		t.Errorf("Write over a short writer = %d, %v, BytesWritten %d; want 3, ErrShortWrite, 3", n, err, rec.BytesWritten())
	}
	n, err = io.WriteString(rec, "xy")
	if n != 2 || err != nil || rec.BytesWritten() != 5 {
		t.Errorf("then Write(%q) = %d, %v, BytesWritten %d; want 2, nil, 5", "xy", n, err, rec.BytesWritten())
	}
}

// Flush before WriteHeader sends the implicit 200, as net/http does: a
// later WriteHeader is superfluous, on the Recorder as on the wire.
func TestRecorderFlushStartsTheResponse(t *testing.T) {
	hw := httptest.NewRecorder()
	rec := New(hw)
	rec.Flush()
	rec.WriteHeader(http.StatusNotFound)
	if rec.Status() != http.StatusOK || hw.Code != http.StatusOK || !hw.Flushed {
		t.Errorf("Flush then WriteHeader(404): Status() = %d, wrapped writer got %d (flushed %v); want 200, 200, true", rec.Status(), hw.Code, hw.Flushed)
	}

	hw = httptest.NewRecorder()
	rec = New(hw)
	rec.WriteHeader(http.StatusAccepted)
	rec.Flush()
	if rec.Status() != http.StatusAccepted || hw.Code != http.StatusAccepted || !hw.Flushed {
		t.Errorf("WriteHeader(202) then Flush: Status() = %d, wrapped writer got %d (flushed %v); want 202, 202, true", rec.Status(), hw.Code, hw.Flushed)
	}
}

func TestRecorderSharesTheHeaderMap(t *testing.T) {
	pw := &plainWriter{h: http.Header{}}
	New(pw).Header().Set("X-Test", "1")
	if pw.h.Get("X-Test") != "1" {
		t.Error("a header set through the recorder did not reach the wrapped writer")
	}
}

func TestRecorderWithoutOptionalInterfaces(t *testing.T) {
	rec := New(&plainWriter{h: http.Header{}})
	rec.Flush() // must not panic
	if _, _, err := rec.Hijack(); !errors.Is(err, http.ErrNotSupported) {
		t.Errorf("Hijack over a plain writer error = %v, want one wrapping http.ErrNotSupported", err)
	}
	if rec.Unwrap() == nil {
		t.Error("Unwrap() = nil, want the wrapped writer")
	}
}

// serveWrapped runs h behind a Recorder on a real server.
func serveWrapped(t *testing.T, h func(w http.ResponseWriter, r *http.Request, rec *Recorder)) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := New(w)
		h(rec, r, rec)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestRecorderFlushesStreams(t *testing.T) {
	release := make(chan struct{})
	ts := serveWrapped(t, func(w http.ResponseWriter, _ *http.Request, _ *Recorder) {
		io.WriteString(w, "first\n")
		w.(http.Flusher).Flush()
		select { // hold the response open until the client saw "first"
		case <-release:
		case <-time.After(2 * time.Second):
		}
		io.WriteString(w, "second\n")
	})
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		got <- line
	}()
	select {
	case line := <-got:
		if line != "first\n" {
			t.Errorf("first line = %q, want %q", line, "first\n")
		}
	case <-time.After(time.Second):
		t.Error("the first line did not arrive before the handler finished: Flush did not reach the connection")
	}
	close(release)
}

func TestRecorderHijacks(t *testing.T) {
	ts := serveWrapped(t, func(w http.ResponseWriter, _ *http.Request, rec *Recorder) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhijacked")
		buf.Flush()
	})
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "hijacked" {
		t.Errorf("body = %q, want %q written on the hijacked connection", b, "hijacked")
	}
}

func TestResponseControllerReachesThroughUnwrap(t *testing.T) {
	errs := make(chan error, 3)
	ts := serveWrapped(t, func(w http.ResponseWriter, _ *http.Request, _ *Recorder) {
		rc := http.NewResponseController(w)
		errs <- rc.SetWriteDeadline(time.Now().Add(time.Minute))
		errs <- rc.SetReadDeadline(time.Now().Add(time.Minute))
		io.WriteString(w, "ok")
		errs <- rc.Flush()
	})
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, what := range []string{"SetWriteDeadline", "SetReadDeadline", "Flush"} {
		if err := <-errs; err != nil {
			t.Errorf("ResponseController.%s through the Recorder = %v, want nil", what, err)
		}
	}
}
