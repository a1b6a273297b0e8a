package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"
)

func (s *server) registerNoteRoutes() {
	s.mux.HandleFunc("POST /notes", s.handleNoteCreate)
}

// note reports what the server understood from a text body.
type note struct {
	XMLName    xml.Name `xml:"note" json:"-"`
	Charset    string   `xml:"charset" json:"charset"`
	Bytes      int      `xml:"bytes" json:"bytes"`
	Characters int      `xml:"characters" json:"characters"`
	Text       string   `xml:"text" json:"text"`
}

func (n note) text() string {
	return fmt.Sprintf("%d bytes of %s, %d characters:\n%s\n", n.Bytes, n.Charset, n.Characters, n.Text)
}

// handleNoteCreate accepts text/plain in any charset the IANA registry names
// and x/text can decode, and answers with the text as UTF-8.
func (s *server) handleNoteCreate(w http.ResponseWriter, r *http.Request) {
	ct, ok := s.acceptable(w, r)
	if !ok {
		return
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "text/plain" {
		s.fail(w, r, clientError(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type must be text/plain (optionally with a charset)"))
		return
	}
	// Resolve the charset before reading: an unsupported one fails at once.
	if _, _, err := lookupCharset(params["charset"]); err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := openBody(w, r, s.maxBody)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()
	raw, err := io.ReadAll(body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	text, charset, err := decodeText(raw, params["charset"])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.respond(w, http.StatusCreated, ct, note{Charset: charset, Bytes: len(raw), Characters: utf8.RuneCountInString(text), Text: text})
}
