package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/vmihailenco/msgpack/v5"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/proto"

	"workbook/03-serialization/articlepb"
)

// codec is one wire format: how to name it, how to write an article (or a
// list of them) and how to read one back, strictly.
type codec struct {
	name      string   // the ?format= value
	mediaType string   // what Content-Type says when we send it
	aliases   []string // other media types accepted for it
	marshal   func(v any) ([]byte, error)
	unmarshal func(data []byte, doc *articleDoc) error
}

// codecs lists the formats in order of preference: when a client accepts
// several equally, the first one here wins.
var codecs = []*codec{
	{name: "json", mediaType: "application/json", marshal: marshalJSON, unmarshal: decodeJSON},
	{name: "xml", mediaType: "application/xml", aliases: []string{"text/xml"}, marshal: marshalXML, unmarshal: decodeXML},
	{name: "msgpack", mediaType: "application/msgpack", aliases: []string{"application/x-msgpack", "application/vnd.msgpack"}, marshal: msgpack.Marshal, unmarshal: decodeMsgpack},
	{name: "protobuf", mediaType: "application/x-protobuf", aliases: []string{"application/protobuf", "application/vnd.google.protobuf"}, marshal: marshalProto, unmarshal: decodeProto},
	{name: "yaml", mediaType: "application/yaml", aliases: []string{"application/x-yaml", "text/yaml"}, marshal: yaml.Marshal, unmarshal: decodeYAML},
}

func codecByName(name string) *codec {
	for _, c := range codecs {
		if c.name == name {
			return c
		}
	}
	return nil
}

func codecByMediaType(mt string) *codec {
	for _, c := range codecs {
		if c.mediaType == mt {
			return c
		}
		for _, a := range c.aliases {
			if a == mt {
				return c
			}
		}
	}
	return nil
}

func marshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), b...), '\n'), nil
}

// marshalProto converts to the generated messages first: protobuf encodes
// only its own message types, never an arbitrary Go struct.
func marshalProto(v any) ([]byte, error) {
	switch v := v.(type) {
	case articleDoc:
		return proto.Marshal(toProto(v))
	case articleListDoc:
		list := &articlepb.ArticleList{}
		for _, d := range v.Articles {
			list.Articles = append(list.Articles, toProto(d))
		}
		return proto.Marshal(list)
	default:
		return nil, fmt.Errorf("protobuf: cannot encode %T", v)
	}
}
