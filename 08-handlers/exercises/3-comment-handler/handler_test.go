package commenthandler

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeService records the calls it gets and answers with AddFn.
type fakeService struct {
	AddFn func(ctx context.Context, slug, author, body string) (Comment, error)
	calls int
}

func (f *fakeService) AddComment(ctx context.Context, slug, author, body string) (Comment, error) {
	f.calls++
	return f.AddFn(ctx, slug, author, body)
}

var _ CommentService = (*fakeService)(nil)

var when = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ok(_ context.Context, slug, author, body string) (Comment, error) {
	return Comment{ID: 7, Body: body, Author: author, CreatedAt: when}, nil
}

func serve(svc CommentService, target, user, contentType, body string) *httptest.ResponseRecorder {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /articles/{slug}/comments", NewCommentController(svc).HandleCreate)
	req := httptest.NewRequest("POST", target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if user != "" {
		req.Header.Set("X-User", user)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

func TestHandleCreateSuccess(t *testing.T) {
	var gotSlug, gotAuthor, gotBody string
	svc := &fakeService{AddFn: func(ctx context.Context, slug, author, body string) (Comment, error) {
		gotSlug, gotAuthor, gotBody = slug, author, body
		return ok(ctx, slug, author, body)
	}}
	rec := serve(svc, "/articles/how-to-go/comments", "alice", "application/json; charset=utf-8", `{"comment":{"body":"  Great read!  "}}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST comment = %d %s, want 201 (exercise 3-comment-handler, handler.go)", rec.Code, rec.Body)
	}
	if gotSlug != "how-to-go" || gotAuthor != "alice" || gotBody != "Great read!" {
		t.Errorf("service called with (%q, %q, %q), want (how-to-go, alice, \"Great read!\") — slug from the path, author from X-User, body trimmed", gotSlug, gotAuthor, gotBody)
	}
	if loc := rec.Header().Get("Location"); loc != "/articles/how-to-go/comments/7" {
		t.Errorf("Location = %q, want /articles/how-to-go/comments/7", loc)
	}
	var resp struct {
		Comment struct {
			ID        int64     `json:"id"`
			Body      string    `json:"body"`
			Author    string    `json:"author"`
			CreatedAt time.Time `json:"createdAt"`
		} `json:"comment"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response %q is not JSON: %v", rec.Body, err)
	}
	if resp.Comment.ID != 7 || resp.Comment.Body != "Great read!" || resp.Comment.Author != "alice" || !resp.Comment.CreatedAt.Equal(when) {
		t.Errorf("response comment = %+v, want id 7, the trimmed body, author alice, createdAt %v", resp.Comment, when)
	}
}

// padded returns a valid request of exactly n bytes: JSON allows the
// whitespace anywhere between tokens, so a decoder has to read all of it.
func padded(n int) string {
	head, tail := `{"comment":{"body":"hi"`, `}}`
	return head + strings.Repeat(" ", n-len(head)-len(tail)) + tail
}

// TestHandleCreateLocation: the new comment's id, in decimal, ends the
// Location and is the id of the answer.
func TestHandleCreateLocation(t *testing.T) {
	tests := []struct {
		slug string
		id   int64
		want string
	}{
		{"a", 1, "/articles/a/comments/1"},
		{"how-to-go", 12345, "/articles/how-to-go/comments/12345"},
		{"big", 1 << 40, "/articles/big/comments/1099511627776"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			svc := &fakeService{AddFn: func(_ context.Context, slug, author, body string) (Comment, error) {
				return Comment{ID: tc.id, Body: body, Author: author, CreatedAt: when}, nil
			}}
			rec := serve(svc, "/articles/"+tc.slug+"/comments", "alice", "application/json", `{"comment":{"body":"hi"}}`)
			if rec.Code != http.StatusCreated || rec.Header().Get("Location") != tc.want {
				t.Fatalf("POST /articles/%s/comments with new id %d = %d, Location %q, want 201 and %q", tc.slug, tc.id, rec.Code, rec.Header().Get("Location"), tc.want)
			}
			var resp struct {
				Comment struct {
					ID int64 `json:"id"`
				} `json:"comment"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Comment.ID != tc.id {
				t.Errorf("response %s (%v), want comment id %d", rec.Body, err, tc.id)
			}
		})
	}
}

func TestHandleCreateErrors(t *testing.T) {
	long := strings.Repeat("é", MaxBodyLen+1)
	exact := strings.Repeat("é", MaxBodyLen)
	tests := []struct {
		name         string
		user, ct     string
		body         string
		svcErr       error
		wantStatus   int
		wantField    string
		wantSvcCalls int
	}{
		{"anonymous", "", "application/json", `{"comment":{"body":"hi"}}`, nil, 401, "user", 0},
		{"form body", "alice", "application/x-www-form-urlencoded", `body=hi`, nil, 415, "body", 0},
		{"no content type", "alice", "", `{"comment":{"body":"hi"}}`, nil, 415, "body", 0},
		{"malformed JSON", "alice", "application/json", `{"comment":`, nil, 400, "body", 0},
		{"wrong type", "alice", "application/json", `{"comment":{"body":5}}`, nil, 400, "body", 0},
		{"blank body", "alice", "application/json", `{"comment":{"body":"   "}}`, nil, 422, "body", 0},
		{"missing body", "alice", "application/json", `{"comment":{}}`, nil, 422, "body", 0},
		{"too long (runes, not bytes)", "alice", "application/json", `{"comment":{"body":"` + long + `"}}`, nil, 422, "body", 0},
		{"huge request", "alice", "application/json", `{"comment":{"body":"` + strings.Repeat("x", 1<<20) + `"}}`, nil, 413, "body", 0},
		{"request of exactly 64 KiB", "alice", "application/json", padded(64 << 10), nil, 201, "", 1},
		{"request one byte over 64 KiB", "alice", "application/json", padded(64<<10 + 1), nil, 413, "body", 0},
		{"article missing", "alice", "application/json", `{"comment":{"body":"hi"}}`, ErrArticleNotFound, 404, "article", 1},
		{"article missing, wrapped", "alice", "application/json", `{"comment":{"body":"hi"}}`, errors.Join(errors.New("lookup"), ErrArticleNotFound), 404, "article", 1},
		{"service broke", "alice", "application/json", `{"comment":{"body":"hi"}}`, errors.New("db: connection reset by 10.1.2.3"), 500, "server", 1},
		{"exactly the limit is fine", "alice", "application/json", `{"comment":{"body":"` + exact + `"}}`, nil, 201, "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc := &fakeService{AddFn: func(ctx context.Context, slug, author, body string) (Comment, error) {
				if tc.svcErr != nil {
					return Comment{}, tc.svcErr
				}
				return ok(ctx, slug, author, body)
			}}
			rec := serve(svc, "/articles/a/comments", tc.user, tc.ct, tc.body)
			if rec.Code != tc.wantStatus {
				t.Fatalf("status = %d (%s), want %d", rec.Code, truncate(rec.Body.String()), tc.wantStatus)
			}
			if svc.calls != tc.wantSvcCalls {
				t.Errorf("service called %d time(s), want %d: invalid input must never reach the service", svc.calls, tc.wantSvcCalls)
			}
			if tc.wantField == "" {
				return
			}
			var resp struct{ Errors map[string][]string }
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors[tc.wantField]) == 0 || resp.Errors[tc.wantField][0] == "" {
				t.Errorf("body = %s, want {\"errors\":{%q:[\"...\"]}}", truncate(rec.Body.String()), tc.wantField)
			}
			if strings.Contains(rec.Body.String(), "10.1.2.3") {
				t.Errorf("body leaks the internal error: %s", rec.Body)
			}
		})
	}
}

func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
