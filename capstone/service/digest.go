package service

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"workbook/capstone/conduit"
)

// The daily digest runs in three steps, each a job, so that no step holds
// more than one user's work and each can be retried alone:
//
//	Scheduler ── at DIGEST_AT, the replica that claims the day ──▶ digest.plan (Key: the day)
//	digest.plan ── one job per user, in keyset pages ──▶ email.digest (Key: day:user)
//	email.digest ── yesterday's feed, if any ──▶ the mail, sent once per Message-ID
const (
	JobDigestPlan = "digest.plan"
	JobDigest     = "email.digest"
)

// dayLayout names a digest's day in job keys, claims and subjects.
const dayLayout = "2006-01-02"

// digestShown bounds the articles listed in one digest; the rest are
// counted ("…and 12 more"), up to digestScan.
const (
	digestShown = 10
	digestScan  = 1000
)

// Digests plans and sends the daily digest.
type Digests struct {
	Store  Store
	Jobs   JobQueue
	Emails *AccountEmails
	Lang   string // the digest's language: users keep none (default "en")
}

// Plan is the JobHandler of JobDigestPlan: one digest job per user. A
// retried plan queues them all again; each digest is still sent once.
func (d *Digests) Plan(ctx context.Context, j Job) error {
	if _, err := time.Parse(dayLayout, j.Key); err != nil {
		return fmt.Errorf("%w: digest day %q", ErrPermanent, j.Key)
	}
	for after := int64(0); ; {
		ids, err := d.Store.UserIDs(ctx, after, 500)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			if err := d.Jobs.Publish(ctx, Job{Kind: JobDigest, Key: j.Key + ":" + strconv.FormatInt(id, 10)}); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
	}
}

type digestArticle struct{ Title, Slug, Author string }

// digestData is what the digest templates see.
type digestData struct {
	Username, BaseURL, Day string
	Articles               []digestArticle
	More                   int
}

// Handle is the JobHandler of JobDigest: the user's feed of the day before
// Key's day (UTC), mailed when there is something in it.
func (d *Digests) Handle(ctx context.Context, j Job) error {
	dayStr, idStr, _ := strings.Cut(j.Key, ":")
	day, err1 := time.Parse(dayLayout, dayStr)
	id, err2 := strconv.ParseInt(idStr, 10, 64)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%w: digest key %q", ErrPermanent, j.Key)
	}
	u, err := d.Store.UserByID(ctx, id)
	if conduit.ErrorCode(err) == conduit.ENOTFOUND {
		return nil // gone since the plan
	} else if err != nil {
		return err
	}
	from, to := day.AddDate(0, 0, -1), day
	data := digestData{Username: u.Username, BaseURL: d.Emails.BaseURL, Day: from.Format(dayLayout)}
	// The feed is newest first: skip what is newer than the window, stop
	// at the first older one.
scan:
	for offset := 0; offset < digestScan; offset += conduit.MaxLimit {
		as, _, err := d.Store.ListArticles(ctx, id, ArticleQuery{FollowedBy: id, Limit: conduit.MaxLimit, Offset: offset})
		if err != nil {
			return err
		}
		for _, a := range as {
			switch {
			case !a.CreatedAt.Before(to):
				continue
			case a.CreatedAt.Before(from):
				break scan
			case len(data.Articles) < digestShown:
				data.Articles = append(data.Articles, digestArticle{Title: a.Title, Slug: a.Slug, Author: a.Author.Username})
			default:
				data.More++
			}
		}
		if len(as) < conduit.MaxLimit {
			break
		}
	}
	if len(data.Articles) == 0 {
		return nil // nothing new: no email
	}
	lang := d.Lang
	if lang == "" {
		lang = emailLanguages[0]
	}
	subject, text, html, err := render("digest", lang, data)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return d.Emails.sendOnce(ctx, Email{To: u.Email, Subject: subject, Text: text, HTML: html, Lang: lang,
		MessageID: fmt.Sprintf("<digest-%s-%d@%s>", dayStr, u.ID, d.Emails.Domain)})
}

// Scheduler starts the digest once a day at At (UTC) on one replica of
// however many run: each replica's Scheduler wakes, and the one whose
// claim of the day succeeds queues the plan. A replica that starts after
// today's time and finds the day unclaimed (every replica was down)
// catches up at once.
type Scheduler struct {
	Effects EffectStore
	Jobs    JobQueue
	At      time.Duration // after midnight UTC: 7*time.Hour is 07:00
	Logger  *slog.Logger
	Now     func() time.Time                     // nil: time.Now
	After   func(time.Duration) <-chan time.Time // nil: time.After
}

// Next returns the first run after now.
func (s *Scheduler) Next(now time.Time) time.Time {
	now = now.UTC()
	run := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).Add(s.At)
	if !run.After(now) {
		run = run.AddDate(0, 0, 1) // AddDate keeps the clock time; UTC has no DST to shift it
	}
	return run
}

// Fire claims the run of run's day and, if this call won it, queues the
// plan. It reports whether it queued.
func (s *Scheduler) Fire(ctx context.Context, run time.Time) (bool, error) {
	day := run.UTC().Format(dayLayout)
	won, err := s.Effects.Claim(ctx, "schedule:digest:"+day)
	if err != nil || !won {
		return false, err
	}
	if err := s.Jobs.Publish(ctx, Job{Kind: JobDigestPlan, Key: day}); err != nil {
		return false, err
	}
	if s.Logger != nil {
		s.Logger.InfoContext(ctx, "digest: planned", "day", day)
	}
	return true, nil
}

// Run fires every day until ctx is done.
func (s *Scheduler) Run(ctx context.Context) error {
	now, after := time.Now, time.After
	if s.Now != nil {
		now = s.Now
	}
	if s.After != nil {
		after = s.After
	}
	// Today's run, if its time has passed (a claimed day is not run again).
	t := now()
	if last := s.Next(t).AddDate(0, 0, -1); last.Format(dayLayout) == t.UTC().Format(dayLayout) {
		s.fire(ctx, last)
	}
	for {
		next := s.Next(now())
		select {
		case <-ctx.Done():
			return nil
		case <-after(next.Sub(now())):
			s.fire(ctx, next)
		}
	}
}

func (s *Scheduler) fire(ctx context.Context, run time.Time) {
	if _, err := s.Fire(ctx, run); err != nil && s.Logger != nil {
		s.Logger.ErrorContext(ctx, "digest: could not plan", "day", run.Format(dayLayout), "err", err)
	}
}
