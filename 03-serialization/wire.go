package main

import (
	"encoding/xml"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"workbook/03-serialization/articlepb"
)

// articleDoc is the article as JSON, XML, YAML and MessagePack see it: one
// struct, one tag per format. Protocol Buffers uses the generated
// articlepb.Article instead (see toProto/fromProto).
//
// A few choices worth noticing:
//   - `json:"id,string"`: a 64-bit ID travels as a JSON string, because
//     JavaScript reads JSON numbers into float64 and would round it.
//   - Description is a pointer: nil encodes as JSON/YAML null and is left
//     out of XML, where null does not exist.
//   - XML has attributes and wrappers (`tags>tag`) the other formats lack.
type articleDoc struct {
	XMLName        xml.Name  `json:"-" xml:"article" yaml:"-" msgpack:"-"`
	ID             int64     `json:"id,string" xml:"id,attr" yaml:"id" msgpack:"id"`
	Slug           string    `json:"slug" xml:"slug" yaml:"slug" msgpack:"slug"`
	Title          string    `json:"title" xml:"title" yaml:"title" msgpack:"title"`
	Description    *string   `json:"description" xml:"description,omitempty" yaml:"description" msgpack:"description"`
	Body           string    `json:"body" xml:"body" yaml:"body" msgpack:"body"`
	Tags           []string  `json:"tags" xml:"tags>tag" yaml:"tags" msgpack:"tags"`
	Author         authorDoc `json:"author" xml:"author" yaml:"author" msgpack:"author"`
	FavoritesCount int64     `json:"favoritesCount" xml:"favoritesCount" yaml:"favoritesCount" msgpack:"favoritesCount"`
	Rating         float64   `json:"rating" xml:"rating" yaml:"rating" msgpack:"rating"`
	CreatedAt      time.Time `json:"createdAt" xml:"createdAt" yaml:"createdAt" msgpack:"createdAt"`
}

type authorDoc struct {
	Username string `json:"username" xml:"username" yaml:"username" msgpack:"username"`
	Bio      string `json:"bio" xml:"bio" yaml:"bio" msgpack:"bio"`
}

// articleListDoc is a list of articles: an object with one key rather
// than a bare array, so the response can grow fields (a cursor, a count)
// without breaking clients.
type articleListDoc struct {
	XMLName  xml.Name     `json:"-" xml:"articles" yaml:"-" msgpack:"-"`
	Articles []articleDoc `json:"articles" xml:"article" yaml:"articles" msgpack:"articles"`
}

func toDoc(a Article) articleDoc {
	tags := a.Tags
	if tags == nil {
		tags = []string{} // [] rather than null: clients can always range over it
	}
	return articleDoc{
		ID: a.ID, Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body, Tags: tags,
		Author:         authorDoc{Username: a.Author.Username, Bio: a.Author.Bio},
		FavoritesCount: a.FavoritesCount, Rating: a.Rating, CreatedAt: a.CreatedAt.UTC(),
	}
}

func fromDoc(d articleDoc) Article {
	return Article{
		ID: d.ID, Slug: d.Slug, Title: d.Title, Description: d.Description, Body: d.Body, Tags: d.Tags,
		Author:         Author{Username: d.Author.Username, Bio: d.Author.Bio},
		FavoritesCount: d.FavoritesCount, Rating: d.Rating, CreatedAt: d.CreatedAt,
	}
}

func toListDoc(as []Article) articleListDoc {
	docs := make([]articleDoc, 0, len(as))
	for _, a := range as {
		docs = append(docs, toDoc(a))
	}
	return articleListDoc{Articles: docs}
}

// toProto converts the wire document into the generated message.
func toProto(d articleDoc) *articlepb.Article {
	m := &articlepb.Article{
		Id: d.ID, Slug: d.Slug, Title: d.Title, Description: d.Description, Body: d.Body, Tags: d.Tags,
		Author:         &articlepb.Author{Username: d.Author.Username, Bio: d.Author.Bio},
		FavoritesCount: d.FavoritesCount, Rating: d.Rating,
	}
	if !d.CreatedAt.IsZero() {
		m.CreatedAt = timestamppb.New(d.CreatedAt)
	}
	return m
}

// fromProto converts a decoded message into the wire document. Absent
// sub-messages read as their zero value, which is how proto3 treats them.
func fromProto(m *articlepb.Article) articleDoc {
	d := articleDoc{
		ID: m.GetId(), Slug: m.GetSlug(), Title: m.GetTitle(), Description: m.Description, Body: m.GetBody(), Tags: m.GetTags(),
		Author:         authorDoc{Username: m.GetAuthor().GetUsername(), Bio: m.GetAuthor().GetBio()},
		FavoritesCount: m.GetFavoritesCount(), Rating: m.GetRating(),
	}
	if m.CreatedAt != nil {
		d.CreatedAt = m.CreatedAt.AsTime()
	}
	return d
}
