// Package backup takes and restores logical PostgreSQL backups with the
// PostgreSQL client tools: pg_dump in its custom format (-Fc: compressed,
// one file, restorable table by table and in parallel) and pg_restore.
//
// The tools are run directly (os/exec with an argument list, never a
// shell), the connection URL comes from configuration, and the password
// travels in the child's environment (PGPASSWORD), not on its command line,
// where every user of the machine could read it in ps.
package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Tools names the client binaries. The zero value finds pg_dump and
// pg_restore on PATH. Their major version must be at least the server's:
// pg_dump refuses to dump a newer server.
type Tools struct {
	PgDump    string
	PgRestore string
}

// ErrInvalidDump is returned (wrapped, with pg_restore's own words) when a
// file is not a complete custom-format archive: truncated, corrupted, or
// something else altogether.
var ErrInvalidDump = errors.New("backup: not a complete pg_dump archive")

// Dump writes a custom-format dump of the database at databaseURL to file.
// It writes file+".partial" and renames it only once pg_dump succeeded and
// pg_restore could read the archive's table of contents back, so a file
// with the final name is always a whole dump.
func (t Tools) Dump(ctx context.Context, databaseURL, file string) error {
	dsn, env, err := splitPassword(databaseURL)
	if err != nil {
		return err
	}
	partial := file + ".partial"
	defer os.Remove(partial) // gone already after a successful rename
	if err := t.run(ctx, orDefault(t.PgDump, "pg_dump"), env,
		"--format=custom", "--file="+partial, "--dbname="+dsn); err != nil {
		return err
	}
	if err := t.list(ctx, partial); err != nil {
		return fmt.Errorf("backup: pg_dump wrote an archive that does not read back: %w", err)
	}
	return os.Rename(partial, file)
}

// Restore loads file into the (empty) database at databaseURL, in one
// transaction: any error — a truncated archive, an object that already
// exists — rolls everything back, so the target is either the whole backup
// or untouched. Objects are created owned by the connecting role
// (--no-owner): the roles of the source need not exist on the target.
func (t Tools) Restore(ctx context.Context, databaseURL, file string) error {
	dsn, env, err := splitPassword(databaseURL)
	if err != nil {
		return err
	}
	if err := t.list(ctx, file); err != nil {
		return err
	}
	err = t.run(ctx, orDefault(t.PgRestore, "pg_restore"), env,
		"--dbname="+dsn, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", file)
	if err != nil && looksTruncated(err.Error()) {
		return fmt.Errorf("%w: %s: %w", ErrInvalidDump, filepath.Base(file), err)
	}
	return err
}

// list reads the archive's table of contents: it fails at once on a file
// that is not an archive or whose header is cut. (A cut in the data after
// the table of contents only shows during the restore.)
func (t Tools) list(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := t.run(ctx, orDefault(t.PgRestore, "pg_restore"), nil, "--list", "--file="+os.DevNull, file); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidDump, filepath.Base(file), err)
	}
	return nil
}

// looksTruncated reports pg_restore's words for an archive cut short.
func looksTruncated(msg string) bool {
	for _, s := range []string{"could not read input file", "unexpected end of file", "could not read from input file", "corrupt", "invalid compressed data"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// run executes name with args and env added to this process's
// environment, and returns an error carrying the tool's last stderr lines.
func (t Tools) run(ctx context.Context, name string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &limited{w: &stderr, n: 8 << 10}
	cmd.WaitDelay = 5 * time.Second // a tool ignoring the kill does not hang us
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if tool := filepath.Base(name) + ":"; !strings.HasPrefix(msg, tool) {
			msg = tool + " " + msg
		}
		return errors.New(msg)
	}
	return nil
}

// splitPassword takes the password out of a postgres:// URL and returns it
// as PGPASSWORD for the child's environment. A key=value connection string
// is passed as it is.
func splitPassword(databaseURL string) (string, []string, error) {
	if databaseURL == "" {
		return "", nil, errors.New("backup: no database URL")
	}
	if !strings.HasPrefix(databaseURL, "postgres://") && !strings.HasPrefix(databaseURL, "postgresql://") {
		return databaseURL, nil, nil
	}
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "", nil, errors.New("backup: the database URL does not parse")
	}
	pw, ok := u.User.Password()
	if !ok {
		return databaseURL, nil, nil
	}
	u.User = url.User(u.User.Username())
	return u.String(), []string{"PGPASSWORD=" + pw}, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// limited keeps the first n bytes written to it and drops the rest.
type limited struct {
	w interface{ Write([]byte) (int, error) }
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
