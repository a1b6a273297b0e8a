package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/crypto/bcrypt"

	"workbook/serve/problem"
)

// lockoutPolicy says when failed logins lock a key out, and for how long.
// Keys are "account:<name>" and "ip:<address>", each with its threshold:
// the account one stops guessing one password from many IPs, the IP one
// stops one IP spraying passwords over many accounts.
type lockoutPolicy struct {
	accountThreshold int           // failures before an account is locked
	ipThreshold      int           // failures before an IP is locked
	base, max        time.Duration // first lock, and the cap of the doubling
	window           time.Duration // a failure older than this starts the count again
}

var defaultLockout = lockoutPolicy{accountThreshold: 5, ipThreshold: 20, base: time.Second, max: 15 * time.Minute, window: time.Hour}

// lockFor is how long the failures-th failure locks a key whose threshold
// is threshold: none before it, then base, 2·base, 4·base … up to max.
func (p lockoutPolicy) lockFor(failures, threshold int) time.Duration {
	if failures < threshold {
		return 0
	}
	d := float64(p.base) * math.Pow(2, float64(failures-threshold))
	if d > float64(p.max) {
		return p.max
	}
	return time.Duration(d)
}

// lockedFor returns how long the longest lock among keys still runs (0: none).
// The clock is PostgreSQL's now(), so every server instance agrees.
func lockedFor(ctx context.Context, q *pgxpool.Pool, keys []string) (time.Duration, error) {
	var secs *float64
	err := q.QueryRow(ctx, `SELECT extract(epoch FROM max(locked_until) - now())::float8
		FROM sec_login_failures WHERE key = ANY($1) AND locked_until > now()`, keys).Scan(&secs)
	if err != nil || secs == nil {
		return 0, err
	}
	return time.Duration(*secs * float64(time.Second)), nil
}

// recordFailure counts a failure against key and locks it when due.
func recordFailure(ctx context.Context, q *pgxpool.Pool, p lockoutPolicy, key string, threshold int) error {
	var failures int
	err := q.QueryRow(ctx, `INSERT INTO sec_login_failures AS f (key, failures, locked_until) VALUES ($1, 1, NULL)
		ON CONFLICT (key) DO UPDATE SET failures =
			CASE WHEN f.last_failure < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
			last_failure = now()
		RETURNING failures`, key, p.window.Seconds()).Scan(&failures)
	if err != nil {
		return err
	}
	if d := p.lockFor(failures, threshold); d > 0 {
		_, err = q.Exec(ctx, `UPDATE sec_login_failures SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`, key, d.Seconds())
	}
	return err
}

var (
	dummyOnce sync.Once
	dummyHash []byte
)

// checkPassword reports whether name's password is pw. For an unknown name
// it still runs bcrypt, against a dummy hash of the same cost, so the answer
// takes as long as for a real account: timing does not enumerate users.
func (a *app) checkPassword(ctx context.Context, name, pw string) (bool, error) {
	var hash string
	err := a.db.QueryRow(ctx, `SELECT password_hash FROM sec_users WHERE name = $1`, name).Scan(&hash)
	if errors.Is(err, pgx.ErrNoRows) {
		dummyOnce.Do(func() { dummyHash, _ = bcrypt.GenerateFromPassword([]byte("dummy password"), a.bcryptCost) })
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(pw))
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil, nil
}

// handleLogin checks a password behind per-account and per-IP lockouts.
// Every failure, for a real or an unknown account, gets the same answer,
// and a locked key gets the same 429 whether the account exists or not.
func (a *app) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if !parseForm(w, r, "send a form (name, password) of at most 4 KiB") {
		return
	}
	name, pw := r.PostForm.Get("name"), r.PostForm.Get("password")
	accountKey, ipKey := "account:"+name, "ip:"+clientIP(r)
	ctx := r.Context()

	wait, err := lockedFor(ctx, a.db, []string{accountKey, ipKey})
	if err != nil {
		a.loginUnavailable(w, r, err)
		return
	}
	if wait > 0 {
		a.audit.event(r, evLockout, slog.String("user", name))
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		problem.Error(w, r, http.StatusTooManyRequests, "too many failed logins; try again later")
		return
	}
	ok, err := a.checkPassword(ctx, name, pw)
	if err != nil {
		a.loginUnavailable(w, r, err)
		return
	}
	if !ok {
		err1 := recordFailure(ctx, a.db, a.lockout, accountKey, a.lockout.accountThreshold)
		err2 := recordFailure(ctx, a.db, a.lockout, ipKey, a.lockout.ipThreshold)
		if err := errors.Join(err1, err2); err != nil {
			a.loginUnavailable(w, r, err)
			return
		}
		a.audit.event(r, evLoginFailure, slog.String("user", name)) // the name, never the password
		problem.Error(w, r, http.StatusUnauthorized, "invalid user name or password")
		return
	}
	if _, err := a.db.Exec(ctx, `DELETE FROM sec_login_failures WHERE key = $1`, accountKey); err != nil {
		a.loginUnavailable(w, r, err)
		return
	}
	id, _ := a.sessions.create(name) // a new ID at every login: no session fixation
	http.SetCookie(w, sessionCookieFor(r, id))
	a.audit.event(r, evLoginSuccess, slog.String("user", name))
	fmt.Fprintf(w, "welcome %s\n", name)
}

// loginUnavailable fails closed: a database error never lets a login through.
func (a *app) loginUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	a.audit.log.Error("login check failed", "err", err)
	problem.Error(w, r, http.StatusServiceUnavailable, "login is unavailable; try again later")
}
