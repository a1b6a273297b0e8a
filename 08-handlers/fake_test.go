package main

import (
	"context"

	"workbook/08-handlers/article"
)

// fakeService is a hand-written fake: each method calls the function field of
// the same name, so a test sets only what it needs. Unset fields fail loudly.
type fakeService struct {
	GetFn    func(ctx context.Context, slug string) (article.Article, error)
	ListFn   func(ctx context.Context, f article.ListFilter) ([]article.Article, error)
	CreateFn func(ctx context.Context, in article.NewArticle) (article.Article, error)
	DeleteFn func(ctx context.Context, slug, user string) error
}

var _ article.Service = (*fakeService)(nil)

func (f *fakeService) Get(ctx context.Context, slug string) (article.Article, error) {
	if f.GetFn == nil {
		panic("fakeService.Get called but GetFn is not set")
	}
	return f.GetFn(ctx, slug)
}

func (f *fakeService) List(ctx context.Context, fl article.ListFilter) ([]article.Article, error) {
	if f.ListFn == nil {
		panic("fakeService.List called but ListFn is not set")
	}
	return f.ListFn(ctx, fl)
}

func (f *fakeService) Create(ctx context.Context, in article.NewArticle) (article.Article, error) {
	if f.CreateFn == nil {
		panic("fakeService.Create called but CreateFn is not set")
	}
	return f.CreateFn(ctx, in)
}

func (f *fakeService) Delete(ctx context.Context, slug, user string) error {
	if f.DeleteFn == nil {
		panic("fakeService.Delete called but DeleteFn is not set")
	}
	return f.DeleteFn(ctx, slug, user)
}
