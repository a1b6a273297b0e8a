package main

import (
	"math"
	"testing"
)

// The fuzz targets feed arbitrary bytes to each strict decoder. Under
// plain `go test` they run only their seed corpus; explore with e.g.
//
//	go test ./03-serialization -run '^$' -fuzz FuzzDecodeYAML -fuzztime 30s
//
// The property checked is the server's promise: a decoder never panics
// or hangs, and whatever it accepts and validateNew passes can be written
// back out in every format (so no accepted article breaks a later GET).

func fuzzDecoder(f *testing.F, c *codec, seeds ...[]byte) {
	good, err := c.marshal(articleDoc{Slug: "seed", Title: "Seed", Tags: []string{"a"}, Author: authorDoc{Username: "u"}, Rating: 1.5})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	if full, err := c.marshal(sampleDoc(f)); err == nil {
		f.Add(full)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc articleDoc
		if err := c.unmarshal(data, &doc); err != nil {
			return // refusing is always allowed
		}
		if problems := validateNew(doc); len(problems) > 0 {
			return
		}
		if math.IsNaN(doc.Rating) {
			t.Fatalf("validateNew accepted a NaN rating from %q", data)
		}
		for _, out := range codecs {
			if _, err := out.marshal(toDoc(fromDoc(doc))); err != nil {
				t.Errorf("%s accepted %q, but %s cannot encode the result: %v", c.name, data, out.name, err)
			}
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	fuzzDecoder(f, codecByName("json"),
		[]byte(`{"slug":"a","titel":"x"}`), []byte(`[[[[[[[[[[[[[[[[[[[[`), []byte(`{"rating":1e400}`), []byte(`{"id":"9007199254740993"}`))
}

func FuzzDecodeXML(f *testing.F) {
	fuzzDecoder(f, codecByName("xml"),
		[]byte(`<article><titel/></article>`), []byte(`<!DOCTYPE a [<!ENTITY x "y">]><article/>`), []byte(`<article><rating>NaN</rating></article>`))
}

func FuzzDecodeMsgpack(f *testing.F) {
	fuzzDecoder(f, codecByName("msgpack"),
		[]byte{0x81, 0xa4, 's', 'l', 'u', 'g', 0xdb, 0xff, 0xff, 0xff, 0xff}, []byte{0xdd, 0xff, 0xff, 0xff, 0xff}, []byte{0xc1})
}

func FuzzDecodeProtobuf(f *testing.F) {
	fuzzDecoder(f, codecByName("protobuf"),
		[]byte{0xf8, 0x06, 0x01}, []byte{0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f}, []byte{0x4a, 0x00})
}

func FuzzDecodeYAML(f *testing.F) {
	fuzzDecoder(f, codecByName("yaml"),
		[]byte("slug: a\ntitel: x\n"), []byte("rating: .nan\n"), []byte("a: &a [*a]\n"), []byte(yamlBomb))
}
