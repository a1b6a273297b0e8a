package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vmihailenco/msgpack/v5"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

func sampleDoc(t testing.TB) articleDoc {
	t.Helper()
	a, err := newArticleStore().Get("how-to-serialize")
	if err != nil {
		t.Fatal(err)
	}
	return toDoc(a)
}

func equalDocs(a, b articleDoc) bool {
	if (a.Description == nil) != (b.Description == nil) || (a.Description != nil && *a.Description != *b.Description) {
		return false
	}
	a.Description, b.Description = nil, nil
	a.XMLName, b.XMLName = b.XMLName, a.XMLName
	return a.ID == b.ID && a.Slug == b.Slug && a.Title == b.Title && a.Body == b.Body &&
		strings.Join(a.Tags, ",") == strings.Join(b.Tags, ",") && a.Author == b.Author &&
		a.FavoritesCount == b.FavoritesCount && a.Rating == b.Rating && a.CreatedAt.Equal(b.CreatedAt)
}

// TestRoundTrip encodes the sample article in every format and decodes it
// back through the strict decoders: nothing may be lost or changed.
func TestRoundTrip(t *testing.T) {
	want := sampleDoc(t)
	noDesc := want
	noDesc.Description = nil
	for _, c := range codecs {
		for name, doc := range map[string]articleDoc{"with description": want, "without description": noDesc} {
			t.Run(c.name+" "+name, func(t *testing.T) {
				data, err := c.marshal(doc)
				if err != nil {
					t.Fatalf("%s marshal: %v", c.name, err)
				}
				var got articleDoc
				if err := c.unmarshal(data, &got); err != nil {
					t.Fatalf("%s unmarshal of our own output: %v\n%s", c.name, err, data)
				}
				if !equalDocs(got, doc) {
					t.Errorf("%s round trip = %+v, want %+v", c.name, got, doc)
				}
			})
		}
	}
}

// protoWithUnknownField returns a valid Article message followed by field
// number 99, which the schema does not define.
func protoWithUnknownField(t *testing.T) []byte {
	t.Helper()
	b, err := proto.Marshal(toProto(sampleDoc(t)))
	if err != nil {
		t.Fatal(err)
	}
	b = protowire.AppendTag(b, 99, protowire.VarintType)
	return protowire.AppendVarint(b, 1)
}

func msgpackOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := msgpack.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodersAreStrict feeds each decoder input it must refuse.
func TestDecodersAreStrict(t *testing.T) {
	sampleMsgpack := msgpackOf(t, sampleDoc(t))
	tests := []struct {
		name    string
		decode  func([]byte, *articleDoc) error
		input   []byte
		wantErr error  // nil: any error
		wantMsg string // substring of the error, when set
	}{
		{"json unknown field", decodeJSON, []byte(`{"slug":"a","titel":"typo"}`), nil, `unknown field "titel"`},
		{"json trailing data", decodeJSON, []byte(`{"slug":"a"} {"slug":"b"}`), errTrailingData, ""},
		{"json too deep", decodeJSON, []byte(strings.Repeat("[", 100) + strings.Repeat("]", 100)), errTooDeep, ""},
		{"json deep inside a field", decodeJSON, []byte(`{"tags":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`), errTooDeep, ""},
		{"json wrong type", decodeJSON, []byte(`{"rating":"5"}`), nil, "cannot unmarshal string"},
		{"json id as a bare number", decodeJSON, []byte(`{"id":9007199254740993}`), nil, "invalid use of ,string"},
		{"json syntax error", decodeJSON, []byte(`{"slug":`), nil, ""},
		{"json empty body", decodeJSON, []byte(``), nil, ""},
		{"xml unknown element", decodeXML, []byte(`<article><titel>x</titel></article>`), errUnknownFields, ""},
		{"xml wrong root", decodeXML, []byte(`<post><title>x</title></post>`), errUnknownFields, ""},
		{"xml element too deep", decodeXML, []byte(`<article><tags><tag><b>x</b></tag></tags></article>`), errUnknownFields, ""},
		{"xml DTD", decodeXML, []byte(`<!DOCTYPE article [<!ENTITY a "aaaa">]><article><title>&a;</title></article>`), nil, "DTD"},
		{"xml two roots", decodeXML, []byte(`<article></article><article></article>`), errTrailingData, ""},
		{"xml unclosed", decodeXML, []byte(`<article><title>x</title>`), nil, ""},
		{"xml empty", decodeXML, []byte(``), nil, "no <article>"},
		{"msgpack unknown field", decodeMsgpack, msgpackOf(t, map[string]any{"slug": "a", "titel": "typo"}), nil, "unknown field"},
		{"msgpack trailing data", decodeMsgpack, append(append([]byte{}, sampleMsgpack...), sampleMsgpack...), errTrailingData, ""},
		{"msgpack wrong type", decodeMsgpack, msgpackOf(t, map[string]any{"rating": "5"}), nil, ""},
		{"msgpack huge declared string", decodeMsgpack, []byte{0x81, 0xa4, 's', 'l', 'u', 'g', 0xdb, 0xff, 0xff, 0xff, 0xff, 'x'}, nil, ""},
		{"msgpack garbage", decodeMsgpack, []byte{0xc1}, nil, ""},
		{"protobuf unknown field", decodeProto, protoWithUnknownField(t), errUnknownFields, ""},
		{"protobuf garbage", decodeProto, []byte{0xff, 0xff, 0xff}, nil, ""},
		{"yaml unknown key", decodeYAML, []byte("slug: a\ntitel: typo\n"), nil, "field titel not found"},
		{"yaml two documents", decodeYAML, []byte("slug: a\n---\nslug: b\n"), errTrailingData, ""},
		{"yaml wrong type", decodeYAML, []byte("rating: [1]\n"), nil, ""},
		{"yaml empty", decodeYAML, []byte(""), nil, "empty document"},
		{"yaml alias bomb", decodeYAML, []byte(yamlBomb), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc articleDoc
			start := time.Now()
			err := tc.decode(tc.input, &doc)
			if err == nil {
				t.Fatalf("decoding %q succeeded, want an error", tc.input)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("decoding %q = %v, want %v", tc.input, err, tc.wantErr)
			}
			if tc.wantMsg != "" && !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("decoding %q = %v, want a message containing %q", tc.input, err, tc.wantMsg)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("decoding %q took %v: a hostile input must fail fast", tc.input, d)
			}
		})
	}
}

// yamlBomb is the "billion laughs" attack aimed at a field the decoder
// knows (tags), so KnownFields cannot stop it early: eight levels of
// anchors, each repeating the previous one nine times, about 4e7 strings
// when expanded.
var yamlBomb = func() string {
	levels := []string{`&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`}
	names := "abcdefgh"
	for i := 1; i < len(names); i++ {
		prev := "*" + names[i-1:i]
		levels = append(levels, "&"+names[i:i+1]+" ["+strings.Repeat(prev+",", 8)+prev+"]")
	}
	return "slug: bomb\ntags: [" + strings.Join(levels, ", ") + "]\n"
}()

func TestNegotiate(t *testing.T) {
	tests := []struct {
		accept string
		want   string // codec name, "" for none
	}{
		{"application/json", "json"},
		{"application/xml", "xml"},
		{"text/xml", "xml"},
		{"application/x-msgpack", "msgpack"},
		{"application/protobuf", "protobuf"},
		{"application/yaml", "yaml"},
		{"*/*", "json"},
		{"application/*", "json"},
		{"text/*", "xml"},
		{"application/yaml;q=0.5, application/xml", "xml"},
		{"application/yaml, application/xml", "xml"}, // tie: codecs order
		{"application/json;q=0, */*;q=0.1", "xml"},
		{"text/html, application/yaml;q=0.9", "yaml"},
		{"text/html", ""},
		{"application/json;q=2", ""},
		{"garbage;;", ""},
	}
	for _, tc := range tests {
		got := ""
		if c := negotiate(tc.accept); c != nil {
			got = c.name
		}
		if got != tc.want {
			t.Errorf("negotiate(%q) = %q, want %q", tc.accept, got, tc.want)
		}
	}
}

func TestCheckJSONDepth(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n))
	}
	if err := checkJSONDepth(nest(16), 16); err != nil {
		t.Errorf("checkJSONDepth(16 levels, 16) = %v, want nil", err)
	}
	if err := checkJSONDepth(nest(17), 16); !errors.Is(err, errTooDeep) {
		t.Errorf("checkJSONDepth(17 levels, 16) = %v, want %v", err, errTooDeep)
	}
	if err := checkJSONDepth(bytes.Repeat([]byte("[]"), 1000), 1); err != nil {
		t.Errorf("checkJSONDepth(1000 flat arrays, 1) = %v, want nil", err)
	}
	// Brackets inside strings, including after escaped quotes, do not count.
	inString := []byte(`{"a":"[[[[\"{{{{","b":"\\"}`)
	if err := checkJSONDepth(inString, 1); err != nil {
		t.Errorf("checkJSONDepth(%s, 1) = %v, want nil", inString, err)
	}
	afterString := []byte(`{"a":"\\",` + `"b":[[]]}`)
	if err := checkJSONDepth(afterString, 2); !errors.Is(err, errTooDeep) {
		t.Errorf("checkJSONDepth(%s, 2) = %v, want %v", afterString, err, errTooDeep)
	}
}
