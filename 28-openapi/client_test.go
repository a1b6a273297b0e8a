package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"workbook/28-openapi/client"
)

// TestGeneratedClient drives the server through the client oapi-codegen
// generated from the OpenAPI 3 document: typed bodies, typed errors, and the
// security scheme as a request editor.
func TestGeneratedClient(t *testing.T) {
	srv := httptest.NewServer(newTestHandler(t))
	defer srv.Close()
	withToken := client.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Token "+testToken)
		return nil
	})
	c, err := client.NewClientWithResponses(srv.URL+"/api", withToken)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	tags := []string{"go", "blog"}
	created, err := c.CreateBookmarkWithResponse(ctx, client.NewBookmark{
		Url: "https://go.dev/blog/", Title: "The Go Blog", Tags: &tags,
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.StatusCode() != http.StatusCreated || created.JSON201 == nil {
		t.Fatalf("CreateBookmark = %d %s, want 201 with a Bookmark", created.StatusCode(), created.Body)
	}
	b := created.JSON201
	if b.Id != 3 || b.Title != "The Go Blog" || b.Visibility != client.BookmarkVisibilityPublic || len(b.Tags) != 2 {
		t.Errorf("created %+v, want id 3, the title, two tags, public", b)
	}

	got, err := c.GetBookmarkWithResponse(ctx, b.Id)
	if err != nil || got.JSON200 == nil || got.JSON200.Url != "https://go.dev/blog/" {
		t.Fatalf("GetBookmark(%d) = %v, %v", b.Id, got, err)
	}

	limit := 1
	page, err := c.ListBookmarksWithResponse(ctx, &client.ListBookmarksParams{Limit: &limit})
	if err != nil || page.JSON200 == nil || len(page.JSON200.Bookmarks) != 1 || page.JSON200.BookmarksCount != 3 {
		t.Fatalf("ListBookmarks(limit 1) = %+v, %v; want 1 of 3", page.JSON200, err)
	}

	bad, err := c.CreateBookmarkWithResponse(ctx, client.NewBookmark{Url: "ftp://example.com/", Title: ""})
	if err != nil {
		t.Fatal(err)
	}
	if bad.ApplicationproblemJSON422 == nil || bad.ApplicationproblemJSON422.Errors == nil || len(*bad.ApplicationproblemJSON422.Errors) != 2 {
		t.Fatalf("CreateBookmark(bad) = %d %s, want a 422 problem with two field errors", bad.StatusCode(), bad.Body)
	}

	gone, err := c.DeleteBookmarkWithResponse(ctx, b.Id)
	if err != nil || gone.StatusCode() != http.StatusNoContent {
		t.Fatalf("DeleteBookmark(%d) = %v, %v; want 204", b.Id, gone, err)
	}
	missing, err := c.GetBookmarkWithResponse(ctx, b.Id)
	if err != nil || missing.ApplicationproblemJSON404 == nil || missing.ApplicationproblemJSON404.Status != 404 {
		t.Fatalf("GetBookmark after delete = %v, %v; want a 404 problem", missing, err)
	}

	anonymous, err := client.NewClientWithResponses(srv.URL + "/api")
	if err != nil {
		t.Fatal(err)
	}
	denied, err := anonymous.DeleteBookmarkWithResponse(ctx, 1)
	if err != nil || denied.ApplicationproblemJSON401 == nil {
		t.Fatalf("DeleteBookmark without token = %v, %v; want a 401 problem", denied, err)
	}
}
