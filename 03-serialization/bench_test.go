package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"testing"
)

// The format comparison in the README comes from these benchmarks:
//
//	go test ./03-serialization -run '^$' -bench . -benchtime 200ms
//
// Each encodes or decodes the seeded article through the same functions
// the server uses (decoders included their strictness checks) and reports
// the encoded size, raw and gzipped, next to ns/op.

func BenchmarkMarshal(b *testing.B) {
	doc := sampleDoc(b)
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			data, err := c.marshal(doc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.marshal(doc); err != nil {
					b.Fatal(err)
				}
			}
			// Report after the loop: b.Loop's first call resets the timer,
			// which also drops metrics reported before it.
			b.ReportMetric(float64(len(data)), "bytes")
			b.ReportMetric(float64(gzipSize(b, data)), "gzip-bytes")
		})
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	doc := sampleDoc(b)
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			data, err := c.marshal(doc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				var got articleDoc
				if err := c.unmarshal(data, &got); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(data)), "bytes")
		})
	}
}

func gzipSize(tb testing.TB, data []byte) int {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Len()
}

// BenchmarkJSONSafety splits the strict JSON decode into its parts: the
// depth pre-check (a byte scan), a depth check through json.Decoder.Token
// (the obvious way, which allocates per token) and a plain json.Unmarshal.
// It shows what a safety pass costs, and why the cheap one was chosen.
func BenchmarkJSONSafety(b *testing.B) {
	data, err := marshalJSON(sampleDoc(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("depth-check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := checkJSONDepth(data, maxJSONDepth); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("token-walk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			dec := json.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err != nil {
					break
				}
			}
		}
	})
	b.Run("plain-unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var got articleDoc
			if err := json.Unmarshal(data, &got); err != nil {
				b.Fatal(err)
			}
		}
	})
}
