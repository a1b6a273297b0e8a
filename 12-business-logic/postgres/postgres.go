// Package postgres implements the publishing ports on PostgreSQL with pgx:
// a UnitOfWork that is a SERIALIZABLE transaction (retried on conflicts),
// repositories bound to it, and the schema as embedded migrations.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver golang-migrate uses

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies the adapter's migrations to the database at url. Its
// version table is its own, so it can share a database with chapter 11.
func Migrate(ctx context.Context, url string) error {
	src, err := iofs.New(migrations, "migrations")
	if err != nil {
		return err
	}
	db, err := sql.Open("pgx/v5", url)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("postgres: connect: %w", err)
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{MigrationsTable: "publishing_schema_migrations"})
	if err != nil {
		return err
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	return nil
}

// UnitOfWork is a publishing.UnitOfWork over a pgx pool.
type UnitOfWork struct {
	pool *pgxpool.Pool
}

// NewUnitOfWork returns a UnitOfWork using pool.
func NewUnitOfWork(pool *pgxpool.Pool) *UnitOfWork { return &UnitOfWork{pool: pool} }

var _ publishing.UnitOfWork = (*UnitOfWork)(nil)

const maxAttempts = 5

// Do runs fn in a SERIALIZABLE transaction. Serializable makes rules that
// span rows — "at most 3 articles in review per author" — hold under
// concurrency without explicit locks; the price is that PostgreSQL may abort
// a transaction with 40001 (or 40P01, a deadlock), and then Do runs fn again,
// up to 5 times, after a random pause (see backoff). That is why fn must
// have no outside effects.
func (u *UnitOfWork) Do(ctx context.Context, fn func(tx publishing.Repos) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = pgx.BeginTxFunc(ctx, u.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			return fn(repos{tx})
		})
		if !retryable(err) {
			return err
		}
		select {
		case <-time.After(backoff(attempt)):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return err
}

// backoff is the pause before retry number attempt: a random duration
// between 1ms and a ceiling that doubles each attempt (10ms, 20ms, 40ms…,
// at most 250ms) — "full jitter", so two transactions that collided once
// do not retry in step and collide again.
func backoff(attempt int) time.Duration {
	ceiling := min(10*time.Millisecond<<(attempt-1), 250*time.Millisecond)
	return time.Millisecond + rand.N(ceiling)
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

type repos struct{ tx pgx.Tx }

func (r repos) Articles() publishing.ArticleRepository { return articles(r) }
func (r repos) Outbox() publishing.Outbox              { return outbox(r) }

type articles struct{ tx pgx.Tx }

const articleColumns = `slug, author, notify, title, body, status, rejection_reason, version, created_at, updated_at`

func (r articles) Add(ctx context.Context, a *domain.Article) error {
	s := a.Snapshot()
	_, err := r.tx.Exec(ctx, `INSERT INTO publishing.articles (`+articleColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)`,
		s.Slug, s.Author, s.Notify, s.Title, s.Body, s.Status, s.RejectionReason, s.CreatedAt, s.UpdatedAt)
	if isUniqueViolation(err) {
		return domain.Errorf(domain.ECONFLICT, "an article with slug %q already exists", s.Slug)
	}
	return err
}

func scanArticle(row pgx.Row) (*domain.Article, error) {
	var s domain.ArticleSnapshot
	if err := row.Scan(&s.Slug, &s.Author, &s.Notify, &s.Title, &s.Body, &s.Status, &s.RejectionReason,
		&s.Version, &s.CreatedAt, &s.UpdatedAt); err != nil {
		return nil, err
	}
	return domain.RehydrateArticle(s)
}

func (r articles) Get(ctx context.Context, slug domain.Slug) (*domain.Article, error) {
	a, err := scanArticle(r.tx.QueryRow(ctx, `SELECT `+articleColumns+` FROM publishing.articles WHERE slug = $1`, slug.String()))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "article %q not found", slug)
	}
	return a, err
}

func (r articles) Save(ctx context.Context, a *domain.Article) error {
	s := a.Snapshot()
	// Optimistic locking: the WHERE matches only the version we loaded.
	tag, err := r.tx.Exec(ctx, `UPDATE publishing.articles
		SET title = $3, body = $4, status = $5, rejection_reason = $6, updated_at = $7, version = version + 1
		WHERE slug = $1 AND version = $2`,
		s.Slug, s.Version, s.Title, s.Body, s.Status, s.RejectionReason, s.UpdatedAt)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var exists bool
	if err := r.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM publishing.articles WHERE slug = $1)`, s.Slug).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return domain.Errorf(domain.ENOTFOUND, "article %q not found", s.Slug)
	}
	return domain.Errorf(domain.ECONFLICT, "article %q was changed by someone else; reload and try again", s.Slug)
}

func (r articles) List(ctx context.Context, status domain.Status, limit int) ([]*domain.Article, error) {
	rows, err := r.tx.Query(ctx, `SELECT `+articleColumns+` FROM publishing.articles
		WHERE $1 = '' OR status = $1 ORDER BY updated_at DESC, slug LIMIT $2`, string(status), limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*domain.Article, error) { return scanArticle(row) })
}

func (r articles) CountByAuthor(ctx context.Context, author domain.UserID, status domain.Status) (int, error) {
	var n int
	err := r.tx.QueryRow(ctx, `SELECT count(*) FROM publishing.articles WHERE author = $1 AND status = $2`,
		author.String(), string(status)).Scan(&n)
	return n, err
}

type outbox struct{ tx pgx.Tx }

func (o outbox) Append(ctx context.Context, msgs ...publishing.Message) error {
	for _, m := range msgs {
		if m.CreatedAt.IsZero() {
			m.CreatedAt = time.Now()
		}
		_, err := o.tx.Exec(ctx, `INSERT INTO publishing.outbox (event, article, payload, created_at) VALUES ($1, $2, $3, $4)`,
			m.Event, m.Article, string(m.Payload), m.CreatedAt)
		if err != nil {
			return err
		}
	}
	return nil
}

func (o outbox) Pending(ctx context.Context, limit, maxAttempts int) ([]publishing.Message, error) {
	rows, err := o.tx.Query(ctx, `SELECT id, event, article, payload::text, attempts, last_error, created_at
		FROM publishing.outbox WHERE delivered_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2`, maxAttempts, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (publishing.Message, error) {
		var m publishing.Message
		var payload string
		err := row.Scan(&m.ID, &m.Event, &m.Article, &payload, &m.Attempts, &m.LastError, &m.CreatedAt)
		m.Payload = []byte(payload)
		return m, err
	})
}

func (o outbox) MarkDelivered(ctx context.Context, id int64) error {
	return o.mark(ctx, `UPDATE publishing.outbox SET delivered_at = now() WHERE id = $1`, id)
}

func (o outbox) MarkFailed(ctx context.Context, id int64, reason string) error {
	return o.mark(ctx, `UPDATE publishing.outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, id, reason)
}

func (o outbox) mark(ctx context.Context, sql string, id int64, args ...any) error {
	tag, err := o.tx.Exec(ctx, sql, append([]any{id}, args...)...)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return domain.Errorf(domain.ENOTFOUND, "outbox message %d not found", id)
	}
	return nil
}
