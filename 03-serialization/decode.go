package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/vmihailenco/msgpack/v5"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/proto"

	"workbook/03-serialization/articlepb"
)

// Every decoder here reads an already size-limited []byte (the handler
// wraps the body in http.MaxBytesReader) and is strict: unknown fields,
// trailing data and excessive nesting are errors, never silently ignored.

// maxJSONDepth bounds nesting. An article needs 3 levels; attackers send
// 100 000 to make recursive decoders burn stack and time.
const maxJSONDepth = 16

var (
	errTooDeep       = errors.New("nesting is too deep")
	errTrailingData  = errors.New("unexpected data after the article")
	errUnknownFields = errors.New("unknown fields")
)

// decodeJSON decodes one JSON object into doc.
func decodeJSON(data []byte, doc *articleDoc) error {
	if err := checkJSONDepth(data, maxJSONDepth); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(doc); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailingData
	}
	return nil
}

// checkJSONDepth fails when arrays and objects in data nest deeper than
// max. It is a byte scan, not a parse: it skips string contents (minding
// escapes) and counts brackets, leaving every other check to the decoder.
// A first version walked json.Decoder.Token and cost twice the decode
// itself (see BenchmarkJSONSafety); a guard that slow gets switched off.
func checkJSONDepth(data []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return fmt.Errorf("%w: more than %d levels", errTooDeep, max)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// xmlSchema lists the child elements each element may have. Checking the
// token stream against it rejects unknown elements (encoding/xml ignores
// them by default), bounds depth, and refuses DTDs before decoding.
var xmlSchema = map[string][]string{
	"":        {"article"},
	"article": {"slug", "title", "description", "body", "tags", "author", "favoritesCount", "rating", "createdAt"},
	"tags":    {"tag"},
	"author":  {"username", "bio"},
}

// decodeXML decodes one <article> element into doc.
func decodeXML(data []byte, doc *articleDoc) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	roots := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			// encoding/xml never expands custom entities, but a DTD has no
			// business in an API payload: refuse it outright.
			return errors.New("xml: DTDs and directives are not accepted")
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			} else if roots++; roots > 1 {
				return errTrailingData
			}
			if !slices.Contains(xmlSchema[parent], t.Name.Local) {
				where := "<" + parent + ">"
				if parent == "" {
					where = "the document root"
				}
				return fmt.Errorf("%w: <%s> is not allowed in %s", errUnknownFields, t.Name.Local, where)
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if roots == 0 {
		return errors.New("xml: no <article> element")
	}
	return xml.Unmarshal(data, doc)
}

// decodeMsgpack decodes one MessagePack map into doc. The decoder caps
// how much it pre-allocates for a declared length (1 MiB / 1e6 elements),
// so a 5-byte header claiming a 4 GiB string cannot exhaust memory.
func decodeMsgpack(data []byte, doc *articleDoc) error {
	r := bytes.NewReader(data)
	dec := msgpack.NewDecoder(r)
	dec.DisallowUnknownFields(true)
	if err := dec.Decode(doc); err != nil {
		return err
	}
	if r.Len() > 0 {
		return errTrailingData
	}
	return nil
}

// protoUnmarshal bounds message nesting (the library default is 10 000).
var protoUnmarshal = proto.UnmarshalOptions{RecursionLimit: maxJSONDepth}

// decodeProto decodes one articlepb.Article into doc. Protobuf keeps
// unknown fields (so that old readers can pass new data through); an API
// that must be strict has to check for them itself.
func decodeProto(data []byte, doc *articleDoc) error {
	m := &articlepb.Article{}
	if err := protoUnmarshal.Unmarshal(data, m); err != nil {
		return err
	}
	if len(m.ProtoReflect().GetUnknown()) > 0 ||
		(m.Author != nil && len(m.Author.ProtoReflect().GetUnknown()) > 0) ||
		(m.CreatedAt != nil && len(m.CreatedAt.ProtoReflect().GetUnknown()) > 0) {
		return fmt.Errorf("%w: the message has field numbers this schema does not define", errUnknownFields)
	}
	if m.CreatedAt != nil {
		if err := m.CreatedAt.CheckValid(); err != nil {
			return err
		}
	}
	*doc = fromProto(m)
	return nil
}

// decodeYAML decodes one YAML document into doc. KnownFields rejects
// unknown keys; yaml.v3 limits alias expansion itself ("billion laughs").
func decodeYAML(data []byte, doc *articleDoc) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(doc); err != nil {
		if err == io.EOF {
			return errors.New("yaml: empty document")
		}
		return err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return errTrailingData
	}
	return nil
}
