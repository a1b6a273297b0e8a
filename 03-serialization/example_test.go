package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"workbook/03-serialization/articlepb"
)

// Two JSON traps from the Serialization Process section, checked by
// `go test`: a 64-bit ID read as a float64 (as every JavaScript client
// reads JSON numbers) is silently rounded, and NaN cannot be written at all.
func Example_jsonNumberTraps() {
	var asFloat struct{ ID float64 }
	_ = json.Unmarshal([]byte(`{"ID": 9007199254740993}`), &asFloat)
	fmt.Printf("as float64: %.0f\n", asFloat.ID)

	var asString struct {
		ID int64 `json:",string"`
	}
	_ = json.Unmarshal([]byte(`{"ID": "9007199254740993"}`), &asString)
	fmt.Println("as string: ", asString.ID)

	_, err := json.Marshal(math.NaN())
	fmt.Println(err)
	// Output:
	// as float64: 9007199254740992
	// as string:  9007199254740993
	// json: unsupported value: NaN
}

// What omitempty and omitzero drop, checked by `go test`. Both drop a
// float 0: 0 is the zero value of float64, so neither can tell "rated 0"
// from "not rated" — only a pointer (or an Optional, exercise 1) can. What
// omitzero adds is structs: omitempty never omits a struct such as
// time.Time, while omitzero omits it when its IsZero method says so.
func Example_omitemptyVersusOmitzero() {
	zero := 0.0
	v := struct {
		RatingEmpty    float64   `json:"ratingEmpty,omitempty"`
		RatingZero     float64   `json:"ratingZero,omitzero"`
		RatingPointer  *float64  `json:"ratingPointer,omitempty"`
		PublishedEmpty time.Time `json:"publishedEmpty,omitempty"`
		PublishedZero  time.Time `json:"publishedZero,omitzero"`
		PublishedPlain time.Time `json:"publishedPlain"`
		NoTagsEmpty    []string  `json:"noTagsEmpty,omitempty"`
		EmptyTagsZero  []string  `json:"emptyTagsZero,omitzero"`
		EmptyTagsPlain []string  `json:"emptyTagsPlain"`
		NilTagsPlain   []string  `json:"nilTagsPlain"`
	}{RatingPointer: &zero, EmptyTagsZero: []string{}, EmptyTagsPlain: []string{}}
	out, _ := json.MarshalIndent(v, "", "  ")
	fmt.Println(string(out))
	// Output:
	// {
	//   "ratingPointer": 0,
	//   "publishedEmpty": "0001-01-01T00:00:00Z",
	//   "publishedPlain": "0001-01-01T00:00:00Z",
	//   "emptyTagsZero": [],
	//   "emptyTagsPlain": [],
	//   "nilTagsPlain": null
	// }
}

// Decoding JSON into `any` turns every number into a float64, so a 64-bit
// ID is rounded before your code sees it. Decoder.UseNumber keeps the
// number's literal text as a json.Number instead, to be converted exactly.
func Example_decodeIntoAny() {
	const doc = `{"id": 9007199254740993, "rating": 4.5}`

	var plain map[string]any
	_ = json.Unmarshal([]byte(doc), &plain)
	fmt.Printf("Unmarshal: id is %T %.0f\n", plain["id"], plain["id"])

	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var exact map[string]any
	_ = dec.Decode(&exact)
	id, _ := exact["id"].(json.Number).Int64()
	rating, _ := exact["rating"].(json.Number).Float64()
	fmt.Printf("UseNumber: id is %T %q, as int64 %d; rating %v\n", exact["id"], exact["id"], id, rating)
	// Output:
	// Unmarshal: id is float64 9007199254740992
	// UseNumber: id is json.Number "9007199254740993", as int64 9007199254740993; rating 4.5
}

// A newer writer adds field 11 to the article. An old reader built from
// today's schema does not know it: proto.Unmarshal keeps its bytes in the
// message's unknown-field set, and marshalling the message again sends them
// on untouched, which is how a middle service passes new fields through.
// The server's strict decoder (decodeProto) rejects the same bytes,
// because a public API would rather refuse than silently drop them.
func Example_protobufUnknownFieldsSurvive() {
	old, _ := proto.Marshal(&articlepb.Article{Slug: "evolving", Title: "Schemas change"})
	// Field 11, wire type "bytes", value "draft": what a v2 writer might add.
	newer := protowire.AppendString(protowire.AppendTag(old, 11, protowire.BytesType), "draft")

	var m articlepb.Article
	_ = proto.Unmarshal(newer, &m)
	again, _ := proto.Marshal(&m)
	fmt.Println("title:", m.GetTitle())
	fmt.Println("unknown bytes kept:", len(m.ProtoReflect().GetUnknown()))
	fmt.Println("re-encoded unchanged:", bytes.Equal(again, newer))

	var doc articleDoc
	fmt.Println("strict decoder:", decodeProto(newer, &doc))
	// Output:
	// title: Schemas change
	// unknown bytes kept: 7
	// re-encoded unchanged: true
	// strict decoder: unknown fields: the message has field numbers this schema does not define
}
