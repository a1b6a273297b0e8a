package httpapi

import (
	"strconv"
	"testing"
)

func TestCommentEndpoints(t *testing.T) {
	s := newTestServer(t)
	jake, ann := register(t, s, "jake"), register(t, s, "ann")
	do(t, s, call{method: "POST", path: "/api/articles", token: jake, body: `{"article":{"title":"Post","description":"d","body":"b"}}`})
	w := do(t, s, call{method: "POST", path: "/api/articles/post/comments", token: jake, body: `{"comment":{"body":"first!"}}`})
	if w.Code != 200 {
		t.Fatalf("create comment = %d %s, want 200 (RealWorld's status for it)", w.Code, w.Body)
	}
	c := decodeJSON[commentResponse](t, w).Comment
	if c.ID == 0 || c.Body != "first!" || c.Author.Username != "jake" {
		t.Errorf("created comment = %+v, want an id, body first!, author jake", c)
	}
	id := "/api/articles/post/comments/" + strconv.FormatInt(c.ID, 10)
	runTable(t, s, []call{
		{"list 200", "GET", "/api/articles/post/comments", "", "", "", 200},
		{"list a page 200", "GET", "/api/articles/post/comments?limit=1&offset=0", "", "", "", 200},
		{"list limit too big 422", "GET", "/api/articles/post/comments?limit=501", "", "", "", 422},
		{"list limit zero 422", "GET", "/api/articles/post/comments?limit=0", "", "", "", 422},
		{"list offset beyond the cap 422", "GET", "/api/articles/post/comments?offset=10001", "", "", "", 422},
		{"list limit not a number 422", "GET", "/api/articles/post/comments?limit=x", "", "", "", 422},
		{"list unknown article 404", "GET", "/api/articles/nope/comments", "", "", "", 404},
		{"create no token 401", "POST", "/api/articles/post/comments", "", `{"comment":{"body":"x"}}`, "", 401},
		{"create unknown article 404", "POST", "/api/articles/nope/comments", ann, `{"comment":{"body":"x"}}`, "", 404},
		{"create blank 422", "POST", "/api/articles/post/comments", ann, `{"comment":{"body":""}}`, "", 422},
		{"create without envelope 422", "POST", "/api/articles/post/comments", ann, `{"body":"x"}`, "", 422},
		{"create malformed 400", "POST", "/api/articles/post/comments", ann, `{"comment"`, "", 400},
		{"create wrong content type 415", "POST", "/api/articles/post/comments", ann, `{"comment":{"body":"x"}}`, "text/xml", 415},
		{"delete no token 401", "DELETE", id, "", "", "", 401},
		{"delete by another user 403", "DELETE", id, ann, "", "", 403},
		{"delete unknown comment 404", "DELETE", "/api/articles/post/comments/999999", jake, "", "", 404},
		{"delete non-numeric id 404", "DELETE", "/api/articles/post/comments/abc", jake, "", "", 404},
		{"delete huge id 404", "DELETE", "/api/articles/post/comments/99999999999999999999999", jake, "", "", 404},
		{"delete on unknown article 404", "DELETE", "/api/articles/nope/comments/1", jake, "", "", 404},
		{"delete 204", "DELETE", id, jake, "", "", 204},
		{"delete twice 404", "DELETE", id, jake, "", "", 404},
	})
}
