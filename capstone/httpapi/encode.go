package httpapi

import (
	"strconv"
	"unicode/utf8"
)

// jsonAppender is implemented by the responses sent most often (article
// lists and articles). writeJSON uses it instead of encoding/json's
// reflection, which is most of the cost of a 20-article list; the output is
// byte-for-byte what encoding/json produces (encode_test.go proves it).
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

func (r articlesResponse) appendJSON(b []byte) []byte {
	b = append(b, `{"articles":`...)
	if r.Articles == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Articles {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Articles[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"articlesCount":`...)
	b = strconv.AppendInt(b, int64(r.ArticlesCount), 10)
	return append(b, '}')
}

func (r articleResponse) appendJSON(b []byte) []byte {
	b = append(b, `{"article":`...)
	b = r.Article.appendJSON(b)
	return append(b, '}')
}

func (a *articleJSON) appendJSON(b []byte) []byte {
	s := a.summary()
	return s.appendWithBody(b, &a.Body)
}

func (a *articleSummaryJSON) appendJSON(b []byte) []byte { return a.appendWithBody(b, nil) }

// appendWithBody writes the article, with a "body" member after
// "description" when body is not nil: the field order of articleJSON and
// articleSummaryJSON, which encoding/json follows.
func (a *articleSummaryJSON) appendWithBody(b []byte, body *string) []byte {
	b = append(b, `{"slug":`...)
	b = appendString(b, a.Slug)
	b = append(b, `,"title":`...)
	b = appendString(b, a.Title)
	b = append(b, `,"description":`...)
	b = appendString(b, a.Description)
	if body != nil {
		b = append(b, `,"body":`...)
		b = appendString(b, *body)
	}
	b = append(b, `,"tagList":`...)
	if a.TagList == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, t := range a.TagList {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, t)
		}
		b = append(b, ']')
	}
	b = append(b, `,"createdAt":`...)
	b = appendString(b, a.CreatedAt)
	b = append(b, `,"updatedAt":`...)
	b = appendString(b, a.UpdatedAt)
	b = append(b, `,"favorited":`...)
	b = strconv.AppendBool(b, a.Favorited)
	b = append(b, `,"favoritesCount":`...)
	b = strconv.AppendInt(b, int64(a.FavoritesCount), 10)
	b = append(b, `,"author":{"username":`...)
	b = appendString(b, a.Author.Username)
	b = append(b, `,"bio":`...)
	b = appendString(b, a.Author.Bio)
	b = append(b, `,"image":`...)
	b = appendString(b, a.Author.Image)
	b = append(b, `,"following":`...)
	b = strconv.AppendBool(b, a.Author.Following)
	return append(b, "}}"...)
}

const hexDigits = "0123456789abcdef"

// plainASCII[c] is true for the bytes appendString copies unchanged:
// printable ASCII but for '"', '\\', '<', '>' and '&'.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString appends s as a JSON string escaped exactly as encoding/json
// escapes it: quotes, backslashes and control characters; <, > and & as
// \u003c…, so the JSON is safe inside HTML; invalid UTF-8 as \ufffd; and
// U+2028/U+2029, which JavaScript treats as line ends.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most text is plain ASCII: one table load per byte.
		for i < len(s) && plainASCII[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
