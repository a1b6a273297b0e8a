package backup_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"workbook/30-devops/backup"
	"workbook/testinfra"
)

// seed is a small schema with what a logical backup must carry: a serial
// and an identity column, a foreign key, a composite primary key, jsonb,
// NULLs, a standalone sequence moved past its start, and a view.
const seed = `
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL, bio text);
CREATE TABLE articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id int NOT NULL REFERENCES authors(id),
  title text NOT NULL,
  meta jsonb,
  published_at timestamptz
);
CREATE TABLE tags (name text PRIMARY KEY);
CREATE TABLE article_tags (article_id bigint REFERENCES articles(id), tag text REFERENCES tags(name), PRIMARY KEY (article_id, tag));
CREATE SEQUENCE invoice_numbers START 1000;
CREATE VIEW article_counts AS SELECT author_id, count(*) FROM articles GROUP BY author_id;

INSERT INTO authors (name, bio) VALUES ('Ada', 'first programmer'), ('Grace', NULL), ('Edsger', 'goto considered harmful');
INSERT INTO articles (author_id, title, meta, published_at)
SELECT 1 + i % 3, 'Article ' || i, jsonb_build_object('words', i * 100, 'draft', i % 4 = 0),
       CASE WHEN i % 5 = 0 THEN NULL ELSE timestamptz '2026-01-01 00:00:00+00' + i * interval '1 day' END
  FROM generate_series(1, 250) AS i;
INSERT INTO tags VALUES ('go'), ('postgres'), ('devops'), ('ünïcode');
INSERT INTO article_tags SELECT id, (ARRAY['go','postgres','devops','ünïcode'])[1 + id % 4] FROM articles;
DELETE FROM articles WHERE id = 250 AND NOT EXISTS (SELECT 1 FROM article_tags WHERE article_id = 250);
SELECT setval('invoice_numbers', 1041);
`

func execSQL(t *testing.T, url, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
}

// tools finds the client binaries; in CI (postgres required) their absence
// is a failure, not a skip.
func tools(t *testing.T) backup.Tools {
	t.Helper()
	var tl backup.Tools
	for _, p := range []*string{&tl.PgDump, &tl.PgRestore} {
		name := "pg_dump"
		if p == &tl.PgRestore {
			name = "pg_restore"
		}
		path, err := exec.LookPath(name)
		if err != nil {
			if strings.Contains(os.Getenv("WORKBOOK_REQUIRE_SERVICES"), "postgres") {
				t.Fatalf("%s not found (apt-get install postgresql-client): %v", name, err)
			}
			t.Skipf("%s not found: apt-get install postgresql-client", name)
		}
		*p = path
	}
	return tl
}

func TestDumpAndRestoreRoundTrip(t *testing.T) {
	tl := tools(t)
	src := testinfra.Postgres(t)
	dst := testinfra.Postgres(t)
	execSQL(t, src, seed)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want, err := backup.TakeFingerprint(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := want.Tables["public.articles"].Rows; got != 250 {
		t.Fatalf("seed: %d articles, want 250", got)
	}
	if got := want.Sequences["public.invoice_numbers"]; got != "1041" {
		t.Fatalf("seed: invoice_numbers at %q, want 1041", got)
	}

	file := filepath.Join(t.TempDir(), "src.dump")
	if err := tl.Dump(ctx, src, file); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	if _, err := os.Stat(file + ".partial"); !os.IsNotExist(err) {
		t.Errorf("Dump left %s.partial behind", file)
	}
	head, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(head), "PGDMP") {
		t.Fatalf("the dump starts %q, want the custom format's PGDMP", head[:min(5, len(head))])
	}
	if err := tl.Restore(ctx, dst, file); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	got, err := backup.TakeFingerprint(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("restored database differs from the source:\n got:\n%s want:\n%s", got, want)
	}
	if len(got.Tables) != 4 || len(got.Sequences) != 3 {
		t.Errorf("restored %d tables and %d sequences, want 4 and 3:\n%s", len(got.Tables), len(got.Sequences), got)
	}

	// The restored sequences continue where the source stopped: the next
	// insert does not collide with a restored row.
	execSQL(t, dst, `INSERT INTO authors (name) VALUES ('after restore'); INSERT INTO articles (author_id, title) VALUES (1, 'after restore')`)
	after, err := backup.TakeFingerprint(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if after.Sequences["public.authors_id_seq"] != "4" || after.Sequences["public.articles_id_seq"] != "251" {
		t.Errorf("after restore the sequences gave %q and %q, want 4 and 251", after.Sequences["public.authors_id_seq"], after.Sequences["public.articles_id_seq"])
	}
}

func TestRestoreRejectsBrokenDumps(t *testing.T) {
	tl := tools(t)
	src := testinfra.Postgres(t)
	execSQL(t, src, seed)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	file := filepath.Join(dir, "src.dump")
	if err := tl.Dump(ctx, src, file); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	whole, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.sql")
	os.WriteFile(plain, []byte("CREATE TABLE x (id int);\n"), 0o600)
	flipped := append([]byte(nil), whole...)
	for i := len(flipped) / 2; i < len(flipped)/2+64; i++ {
		flipped[i] ^= 0xff
	}

	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"header only", whole[:20]},
		{"cut in half", whole[:len(whole)/2]},
		{"last bytes missing", whole[:len(whole)-10]},
		{"bytes flipped", flipped},
		{"empty", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := testinfra.Postgres(t)
			f := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".dump")
			if err := os.WriteFile(f, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			err := tl.Restore(ctx, dst, f)
			if !errors.Is(err, backup.ErrInvalidDump) {
				t.Fatalf("Restore(%s) = %v, want ErrInvalidDump", tc.name, err)
			}
			if !strings.Contains(err.Error(), "pg_restore:") {
				t.Errorf("Restore(%s) = %q, want pg_restore's own words in the error", tc.name, err)
			}
			// One transaction: nothing of the broken archive stays behind.
			fp, ferr := backup.TakeFingerprint(ctx, dst)
			if ferr != nil {
				t.Fatal(ferr)
			}
			if len(fp.Tables) != 0 {
				t.Errorf("after a failed restore the target has tables:\n%s", fp)
			}
			t.Logf("%s: %v", tc.name, err)
		})
	}
	t.Run("not an archive", func(t *testing.T) {
		err := tl.Restore(ctx, testinfra.Postgres(t), plain)
		if !errors.Is(err, backup.ErrInvalidDump) {
			t.Errorf("Restore(plain SQL) = %v, want ErrInvalidDump", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if err := tl.Restore(ctx, testinfra.Postgres(t), filepath.Join(dir, "nope.dump")); err == nil || !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Restore(missing file) = %v, want a not-exist error", err)
		}
	})
}

func TestDumpFailsClearly(t *testing.T) {
	tl := tools(t)
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "x.dump")
	err := tl.Dump(ctx, "postgres://nobody:secret-pw@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", file)
	if err == nil || !strings.HasPrefix(err.Error(), "pg_dump:") {
		t.Fatalf("Dump to a closed port = %v, want pg_dump's error", err)
	}
	if strings.Contains(err.Error(), "secret-pw") {
		t.Errorf("the error shows the password: %v", err)
	}
	if _, serr := os.Stat(file); !os.IsNotExist(serr) {
		t.Errorf("a failed dump left %s", file)
	}
}
