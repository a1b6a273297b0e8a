package main

import (
	_ "embed"
	"encoding/json"
)

//go:embed testdata/articles.json
var articlesJSON []byte

// sampleArticles is the corpus the server indexes at start and the tests search.
func sampleArticles() []Article {
	var a []Article
	if err := json.Unmarshal(articlesJSON, &a); err != nil {
		panic("testdata/articles.json: " + err.Error()) // embedded at build time: a test proves it parses
	}
	return a
}
