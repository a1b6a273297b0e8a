package service

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"workbook/capstone/conduit"
)

// The kinds of notification a signed-in user receives live.
const (
	NotifyComment  = "comment"  // a new comment on one of your articles
	NotifyFollower = "follower" // someone followed you
	NotifyArticle  = "article"  // a new article in your feed
)

// Notification is one event for a set of users. ID is stable for the event
// (it comes from the job's key), so a client that receives a notification
// twice — the job ran again after a crash — can drop the repeat.
type Notification struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	// To lists the recipients' user IDs: each instance delivers to those
	// connected to it, and a client never sees the list.
	To      []int64        `json:"to,omitempty"`
	Actor   NoticeUser     `json:"actor"`
	Article *NoticeArticle `json:"article,omitempty"`
	Comment *NoticeComment `json:"comment,omitempty"`
	At      time.Time      `json:"at"`
}

// NoticeUser is who did what a notification tells.
type NoticeUser struct {
	Username string `json:"username"`
	Image    string `json:"image"`
}

// NoticeComment is the comment a notification tells of.
type NoticeComment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

// NoticeArticle names the article a notification is about.
type NoticeArticle struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// Broadcaster carries notifications to every running instance, so a user
// connected to any of them hears of an event that happened on another. In
// process (the default, one instance) or a RabbitMQ fanout exchange
// (AMQP_URL); both pass broadcasttest. Delivery is best effort and live:
// an instance that is down when a notification passes never sees it.
type Broadcaster interface {
	Publish(ctx context.Context, n Notification) error
	// Subscribe calls deliver for each notification published by any
	// instance, this one included, until ctx is done.
	Subscribe(ctx context.Context, deliver func(Notification)) error
}

// JobNotify is the kind of the job that turns a write into notifications.
// Its Key says what happened: "comment:<id>", "follow:<follower>:<followee>:<unix ns>"
// or "article:<id>".
const JobNotify = "notify"

// notifyBatch bounds the recipients of one Notification: an author with a
// million followers makes many messages of this size, not one huge one.
const notifyBatch = 500

// Notifier turns writes into notifications through the job queue: a write
// publishes a job naming what happened, and the job's handler loads it as
// the store has it now, works out who is to hear of it (the article's
// author, the user followed, every follower of an author), and broadcasts.
// The fan-out to followers thus runs in a worker, never in the request.
type Notifier struct {
	Store  Store
	Jobs   JobQueue
	Bus    Broadcaster
	Logger *slog.Logger

	dropped atomic.Int64
}

// Enqueue publishes the notify job for key. Like indexing, a write never
// fails because of it: a refused job is logged and counted.
func (n *Notifier) Enqueue(ctx context.Context, key string) {
	if err := n.Jobs.Publish(context.WithoutCancel(ctx), Job{Kind: JobNotify, Key: key}); err != nil {
		n.dropped.Add(1)
		if n.Logger != nil {
			n.Logger.ErrorContext(ctx, "notifications: could not queue", "key", key, "err", err)
		}
	}
}

// Dropped reports how many notify jobs the queue refused.
func (n *Notifier) Dropped() int64 { return n.dropped.Load() }

// Handle is the JobHandler of JobNotify. What no longer exists (a deleted
// comment, an unfollow before the job ran) notifies nobody.
func (n *Notifier) Handle(ctx context.Context, j Job) error {
	kind, rest, _ := strings.Cut(j.Key, ":")
	ids, err := parseIDs(rest)
	if err != nil {
		return fmt.Errorf("%w: notify key %q: %v", ErrPermanent, j.Key, err)
	}
	switch {
	case kind == "comment" && len(ids) == 1:
		return n.comment(ctx, j.Key, ids[0])
	case kind == "follow" && len(ids) == 3:
		return n.follow(ctx, j.Key, ids[0], ids[1])
	case kind == "article" && len(ids) == 1:
		return n.article(ctx, j.Key, ids[0])
	}
	return fmt.Errorf("%w: notify key %q", ErrPermanent, j.Key)
}

func parseIDs(s string) ([]int64, error) {
	parts := strings.Split(s, ":")
	ids := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

func gone(err error) bool { return conduit.ErrorCode(err) == conduit.ENOTFOUND }

func (n *Notifier) comment(ctx context.Context, key string, id int64) error {
	c, err := n.Store.CommentByID(ctx, id)
	if gone(err) {
		return nil
	} else if err != nil {
		return err
	}
	a, err := n.Store.ArticleByID(ctx, 0, c.ArticleID)
	if gone(err) {
		return nil
	} else if err != nil {
		return err
	}
	if a.AuthorID == c.AuthorID { // your own comment on your own article
		return nil
	}
	return n.Bus.Publish(ctx, Notification{ID: key, Type: NotifyComment, To: []int64{a.AuthorID},
		Actor: NoticeUser{Username: c.Author.Username, Image: c.Author.Image}, Article: &NoticeArticle{Slug: a.Slug, Title: a.Title},
		Comment: &NoticeComment{ID: c.ID, Body: c.Body}, At: c.CreatedAt})
}

func (n *Notifier) follow(ctx context.Context, key string, followerID, followeeID int64) error {
	still, err := n.Store.IsFollowing(ctx, followerID, followeeID)
	if err != nil || !still {
		return err
	}
	f, err := n.Store.UserByID(ctx, followerID)
	if gone(err) {
		return nil
	} else if err != nil {
		return err
	}
	return n.Bus.Publish(ctx, Notification{ID: key, Type: NotifyFollower, To: []int64{followeeID},
		Actor: NoticeUser{Username: f.Username, Image: f.Image}, At: time.Now().UTC()})
}

// article tells every follower of the author, in batches of notifyBatch.
// A retry after a failed batch sends the earlier batches again, under the
// same IDs: clients drop repeats by ID.
func (n *Notifier) article(ctx context.Context, key string, id int64) error {
	a, err := n.Store.ArticleByID(ctx, 0, id)
	if gone(err) {
		return nil
	} else if err != nil {
		return err
	}
	after := int64(0)
	for batch := 0; ; batch++ {
		to, err := n.Store.FollowerIDs(ctx, a.AuthorID, after, notifyBatch)
		if err != nil {
			return err
		}
		if len(to) == 0 {
			return nil
		}
		nid := key
		if batch > 0 {
			nid = key + "#" + strconv.Itoa(batch)
		}
		if err := n.Bus.Publish(ctx, Notification{ID: nid, Type: NotifyArticle, To: to, Actor: NoticeUser{Username: a.Author.Username, Image: a.Author.Image},
			Article: &NoticeArticle{Slug: a.Slug, Title: a.Title}, At: a.CreatedAt}); err != nil {
			return err
		}
		if len(to) < notifyBatch {
			return nil
		}
		after = to[len(to)-1]
	}
}

// NotifyingStore is a Store whose writes that someone should hear of —
// a comment, a follow, an article — enqueue a notify job.
type NotifyingStore struct {
	Store
	Notifier *Notifier
}

var _ Store = NotifyingStore{}

func (s NotifyingStore) CreateComment(ctx context.Context, c *conduit.Comment) error {
	err := s.Store.CreateComment(ctx, c)
	if err == nil {
		s.Notifier.Enqueue(ctx, "comment:"+strconv.FormatInt(c.ID, 10))
	}
	return err
}

func (s NotifyingStore) CreateArticle(ctx context.Context, a *conduit.Article) error {
	err := s.Store.CreateArticle(ctx, a)
	if err == nil {
		s.Notifier.Enqueue(ctx, "article:"+strconv.FormatInt(a.ID, 10))
	}
	return err
}

// Follow notifies only a new follow: following twice is not news.
func (s NotifyingStore) Follow(ctx context.Context, followerID, followeeID int64) error {
	already, err := s.Store.IsFollowing(ctx, followerID, followeeID)
	if err != nil {
		return err
	}
	if err := s.Store.Follow(ctx, followerID, followeeID); err != nil || already {
		return err
	}
	s.Notifier.Enqueue(ctx, fmt.Sprintf("follow:%d:%d:%d", followerID, followeeID, time.Now().UnixNano()))
	return nil
}
