package publishing

import (
	"context"
	"errors"
	"time"

	"workbook/12-business-logic/domain"
)

// Service runs the publishing use cases. Each one is a transaction
// boundary: it loads what it needs, lets the aggregate decide, saves the
// result and appends the recorded events to the outbox — all in one
// UnitOfWork.Do — and only after the commit calls afterCommit, which
// delivers the events.
type Service struct {
	uow         UnitOfWork
	policy      domain.Policy
	now         func() time.Time
	afterCommit func(ctx context.Context)
}

// Option configures a Service.
type Option func(*Service)

// WithClock replaces time.Now (tests use a fixed clock).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithPolicy replaces domain.DefaultPolicy: the tunable business rules.
func WithPolicy(p domain.Policy) Option { return func(s *Service) { s.policy = p } }

// WithAfterCommit sets what runs after every successful commit, typically
// Relay.Kick (deliver soon, asynchronously) or Relay.Flush (deliver now).
func WithAfterCommit(f func(ctx context.Context)) Option {
	return func(s *Service) { s.afterCommit = f }
}

// NewService returns a Service over uow.
func NewService(uow UnitOfWork, opts ...Option) *Service {
	s := &Service{uow: uow, policy: domain.DefaultPolicy(), now: time.Now, afterCommit: func(context.Context) {}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// ArticleView is an article as use cases return it: plain data for
// adapters, with the actions the asking actor may take next.
type ArticleView struct {
	Slug            string
	Author          string
	Title           string
	Body            string
	Status          string
	RejectionReason string
	UpdatedAt       time.Time
	Allowed         []string
}

func toView(a *domain.Article, actor domain.Actor) ArticleView {
	v := ArticleView{
		Slug: a.Slug().String(), Author: a.Author().String(), Title: a.Title().String(), Body: a.Body().String(),
		Status: string(a.Status()), RejectionReason: a.RejectionReason(), UpdatedAt: a.UpdatedAt(), Allowed: []string{},
	}
	if !actor.IsZero() {
		for _, act := range a.Allowed(actor) {
			v.Allowed = append(v.Allowed, string(act))
		}
	}
	return v
}

// DraftInput is what an author sends to start an article.
type DraftInput struct {
	Title  string
	Body   string
	Notify string // where to tell the author the review's outcome
}

// Draft starts a new article in draft.
func (s *Service) Draft(ctx context.Context, actor domain.Actor, in DraftInput) (ArticleView, error) {
	// Parse, don't validate: raw strings become value objects at the edge
	// of the use case, and everything after works with valid values only.
	// Every input is parsed, so one answer names every field that is wrong.
	title, titleErr := domain.NewTitle(in.Title)
	if titleErr == nil {
		_, titleErr = domain.SlugFromTitle(title) // a title must give the article a URL
	}
	body, bodyErr := domain.NewBody(in.Body)
	notify, notifyErr := domain.NewEmail(in.Notify)
	if err := errors.Join(domain.OnField("title", titleErr), domain.OnField("body", bodyErr), domain.OnField("notify", notifyErr)); err != nil {
		return ArticleView{}, err
	}
	var v ArticleView
	err := s.commit(ctx, func(tx Repos) error {
		// Built inside fn: a unit of work may run fn again after a
		// conflict, and each run needs its own events.
		a, err := domain.NewArticle(actor, notify, title, body, s.now())
		if err != nil {
			return err
		}
		if err := tx.Articles().Add(ctx, a); err != nil {
			return err
		}
		v = toView(a, actor)
		return appendEvents(ctx, tx, a)
	})
	return v, err
}

// Revise changes a draft's title and body.
func (s *Service) Revise(ctx context.Context, actor domain.Actor, slug, title, body string) (ArticleView, error) {
	t, titleErr := domain.NewTitle(title)
	b, bodyErr := domain.NewBody(body)
	if err := errors.Join(domain.OnField("title", titleErr), domain.OnField("body", bodyErr)); err != nil {
		return ArticleView{}, err
	}
	return s.change(ctx, actor, slug, func(tx Repos, a *domain.Article, now time.Time) error {
		return a.Revise(actor, t, b, now)
	})
}

// Submit sends a draft to review, if the author has room in their review quota.
func (s *Service) Submit(ctx context.Context, actor domain.Actor, slug string) (ArticleView, error) {
	return s.change(ctx, actor, slug, func(tx Repos, a *domain.Article, now time.Time) error {
		// A rule across aggregates: counted inside the same transaction,
		// so two concurrent submits cannot both squeeze under the limit
		// (the PostgreSQL adapter runs SERIALIZABLE for exactly this).
		n, err := tx.Articles().CountByAuthor(ctx, a.Author(), domain.StatusReview)
		if err != nil {
			return err
		}
		if err := a.Submit(actor, s.policy, now); err != nil {
			return err
		}
		return s.policy.CheckReviewQuota(n)
	})
}

// Approve publishes an article in review.
func (s *Service) Approve(ctx context.Context, actor domain.Actor, slug string) (ArticleView, error) {
	return s.change(ctx, actor, slug, func(tx Repos, a *domain.Article, now time.Time) error {
		return a.Approve(actor, now)
	})
}

// Reject sends an article in review back to its author with a reason.
func (s *Service) Reject(ctx context.Context, actor domain.Actor, slug, reason string) (ArticleView, error) {
	return s.change(ctx, actor, slug, func(tx Repos, a *domain.Article, now time.Time) error {
		return a.Reject(actor, reason, now)
	})
}

// Archive withdraws a draft or a published article.
func (s *Service) Archive(ctx context.Context, actor domain.Actor, slug string) (ArticleView, error) {
	return s.change(ctx, actor, slug, func(tx Repos, a *domain.Article, now time.Time) error {
		return a.Archive(actor, now)
	})
}

// Get returns one article; actor (may be zero) decides the Allowed actions.
func (s *Service) Get(ctx context.Context, actor domain.Actor, slug string) (ArticleView, error) {
	sl, err := parseSlug(slug)
	if err != nil {
		return ArticleView{}, err
	}
	var v ArticleView
	err = s.uow.Do(ctx, func(tx Repos) error {
		a, err := tx.Articles().Get(ctx, sl)
		if err != nil {
			return err
		}
		v = toView(a, actor)
		return nil
	})
	return v, err
}

// List returns up to 100 articles in status ("" for all), most recently updated first.
func (s *Service) List(ctx context.Context, status string) ([]ArticleView, error) {
	var st domain.Status
	if status != "" {
		var err error
		if st, err = domain.ParseStatus(status); err != nil {
			return nil, err
		}
	}
	var out []ArticleView
	err := s.uow.Do(ctx, func(tx Repos) error {
		articles, err := tx.Articles().List(ctx, st, 100)
		if err != nil {
			return err
		}
		out = make([]ArticleView, 0, len(articles))
		for _, a := range articles {
			out = append(out, toView(a, domain.Actor{}))
		}
		return nil
	})
	return out, err
}

// change is the shape of every workflow use case: load, decide, save,
// record events, commit — then deliver.
func (s *Service) change(ctx context.Context, actor domain.Actor, slug string,
	decide func(tx Repos, a *domain.Article, now time.Time) error) (ArticleView, error) {
	sl, err := parseSlug(slug)
	if err != nil {
		return ArticleView{}, err
	}
	var v ArticleView
	err = s.commit(ctx, func(tx Repos) error {
		a, err := tx.Articles().Get(ctx, sl)
		if err != nil {
			return err
		}
		if err := decide(tx, a, s.now()); err != nil {
			return err
		}
		if err := tx.Articles().Save(ctx, a); err != nil {
			return err
		}
		v = toView(a, actor)
		return appendEvents(ctx, tx, a)
	})
	return v, err
}

// commit runs fn in a unit of work and, only when it committed, runs afterCommit.
func (s *Service) commit(ctx context.Context, fn func(tx Repos) error) error {
	if err := s.uow.Do(ctx, fn); err != nil {
		return err
	}
	s.afterCommit(ctx)
	return nil
}

func appendEvents(ctx context.Context, tx Repos, a *domain.Article) error {
	msgs, err := encodeEvents(a.PullEvents())
	if err != nil {
		return err
	}
	return tx.Outbox().Append(ctx, msgs...)
}

func parseSlug(s string) (domain.Slug, error) {
	sl, err := domain.NewSlug(s)
	if err != nil {
		return domain.Slug{}, domain.Errorf(domain.ENOTFOUND, "article %q not found", s)
	}
	return sl, nil
}
