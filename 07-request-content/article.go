package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

func (s *server) registerArticleRoutes() {
	s.mux.HandleFunc("POST /articles", s.handleArticleCreate)
	s.mux.HandleFunc("GET /articles", s.handleArticleList)
}

// article is the stored resource and its three representations.
type article struct {
	XMLName xml.Name `xml:"article" json:"-"`
	ID      int      `xml:"id" json:"id"`
	Title   string   `xml:"title" json:"title"`
	Body    string   `xml:"body" json:"body"`
	Tags    []string `xml:"tags>tag" json:"tags"`
}

func (a article) text() string {
	return fmt.Sprintf("#%d %s\ntags: %s\n\n%s\n", a.ID, a.Title, strings.Join(a.Tags, ", "), a.Body)
}

type articleList struct {
	XMLName  xml.Name  `xml:"articles" json:"-"`
	Articles []article `xml:"article" json:"articles"`
}

func (l articleList) text() string {
	var b strings.Builder
	for _, a := range l.Articles {
		fmt.Fprintf(&b, "#%d %s [%s]\n", a.ID, a.Title, strings.Join(a.Tags, ", "))
	}
	return b.String()
}

// articleInput is what a client sends, in any of the accepted content types.
type articleInput struct {
	XMLName xml.Name `xml:"article" json:"-"`
	Title   string   `xml:"title" json:"title"`
	Body    string   `xml:"body" json:"body"`
	Tags    []string `xml:"tags>tag" json:"tags"`
}

// handleArticleCreate accepts the same resource as JSON, XML or an
// urlencoded form: the Content-Type picks the parser, the Accept header the
// response format.
func (s *server) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	ct, ok := s.acceptable(w, r)
	if !ok {
		return
	}
	body, err := openBody(w, r, s.maxBody)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()

	in, err := decodeArticle(r, body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := in.check(); err != nil {
		s.fail(w, r, err)
		return
	}

	s.mu.Lock()
	a := article{ID: len(s.articles) + 1, Title: in.Title, Body: in.Body, Tags: in.Tags}
	if a.Tags == nil {
		a.Tags = []string{}
	}
	s.articles = append(s.articles, a)
	s.mu.Unlock()

	w.Header().Set("Location", "/articles/"+strconv.Itoa(a.ID))
	s.respond(w, http.StatusCreated, ct, a)
}

func (s *server) handleArticleList(w http.ResponseWriter, r *http.Request) {
	ct, ok := s.acceptable(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	list := articleList{Articles: append([]article{}, s.articles...)}
	s.mu.Unlock()
	s.respond(w, http.StatusOK, ct, list)
}

// decodeArticle picks a parser by media type. Each parser reads from body,
// which is already size-capped and decompressed.
func decodeArticle(r *http.Request, body io.Reader) (articleInput, error) {
	var in articleInput
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return in, clientError(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type is missing or malformed; send application/json, application/xml or application/x-www-form-urlencoded")
	}
	switch mt {
	case "application/json":
		// RFC 8259: JSON exchanged between systems is UTF-8, full stop.
		if cs := params["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") {
			return in, clientError(http.StatusUnsupportedMediaType, "unsupported_charset", "JSON must be UTF-8, not %q", cs)
		}
		dec := json.NewDecoder(body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return in, jsonError(err)
		}
		if dec.Decode(&struct{}{}) != io.EOF {
			return in, clientError(http.StatusBadRequest, "malformed_json", "body must contain exactly one JSON object")
		}
	case "application/xml", "text/xml":
		// encoding/xml never fetches external entities or expands DTDs, so
		// XXE and "billion laughs" do not apply; the size cap bounds the rest.
		dec := xml.NewDecoder(body)
		dec.CharsetReader = xmlCharsetReader
		if err := dec.Decode(&in); err != nil {
			if _, _, _, ok := bodyStatus(err); ok {
				return in, err
			}
			return in, clientError(http.StatusBadRequest, "malformed_xml", "malformed XML: %v", err)
		}
	case "application/x-www-form-urlencoded":
		raw, err := io.ReadAll(body)
		if err != nil {
			return in, err
		}
		form, err := parseForm(string(raw))
		if err != nil {
			return in, err
		}
		in.Title, in.Body, in.Tags = form.Get("title"), form.Get("body"), form["tags"]
	case "multipart/form-data":
		return in, clientError(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"multipart bodies go to POST /uploads")
	default:
		return in, clientError(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type %q is not accepted; send application/json, application/xml or application/x-www-form-urlencoded", mt)
	}
	return in, nil
}

// check is the minimum this chapter needs; chapter 06 is about validation.
func (in *articleInput) check() error {
	for _, f := range []struct{ name, value string }{{"title", in.Title}, {"body", in.Body}} {
		if strings.TrimSpace(f.value) == "" {
			return clientError(http.StatusUnprocessableEntity, "missing_field", "%s is required", f.name)
		}
	}
	if utf8.RuneCountInString(in.Title) > 200 || len(in.Tags) > 10 {
		return clientError(http.StatusUnprocessableEntity, "too_long", "title is at most 200 characters and tags at most 10")
	}
	return nil
}

// jsonError turns a decoder error into a client error, keeping size and
// gzip errors (which arrive through the decoder) as they are.
func jsonError(err error) error {
	if _, _, _, ok := bodyStatus(err); ok && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return clientError(http.StatusBadRequest, "malformed_json", "malformed JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typeErr):
		return clientError(http.StatusBadRequest, "malformed_json", "field %q must be %s", typeErr.Field, typeErr.Type)
	case errors.Is(err, io.EOF):
		return clientError(http.StatusBadRequest, "empty_body", "body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return clientError(http.StatusBadRequest, "malformed_json", "body ends in the middle of a JSON value")
	default:
		return clientError(http.StatusBadRequest, "malformed_json", "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
}
