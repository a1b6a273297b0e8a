package indexmigration

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/11-databases/schema"
	"workbook/testinfra"
)

// planNode is the part of EXPLAIN (FORMAT JSON) output the test reads.
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	Plans        []planNode `json:"Plans"`
}

// scans lists every node of the plan as "Node Type on relation/index".
func (n planNode) scans() []string {
	var out []string
	var walk func(planNode)
	walk = func(n planNode) {
		switch {
		case n.IndexName != "":
			out = append(out, n.NodeType+" using "+n.IndexName)
		case n.RelationName != "":
			out = append(out, n.NodeType+" on "+n.RelationName)
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(n)
	return out
}

// migrations returns the chapter's migrations plus the learner's 000003.
func migrations(t *testing.T) fs.FS {
	t.Helper()
	up, down := Migration()
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(schema.Migrations, schema.MigrationsDir)
	if err != nil {
		t.Fatalf("read chapter migrations: %v", err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(schema.Migrations, schema.MigrationsDir+"/"+e.Name())
		if err != nil {
			t.Fatalf("read %s: %v", e.Name(), err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	prefix := fmt.Sprintf("%06d_%s", Version, Name)
	fsys[prefix+".up.sql"] = &fstest.MapFile{Data: []byte(up)}
	fsys[prefix+".down.sql"] = &fstest.MapFile{Data: []byte(down)}
	return fsys
}

func explain(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	// EXPLAIN cannot take bind parameters for the query it explains, so the
	// author id is substituted as a literal (it is a constant, not user input).
	query := strings.Replace(CommentsByAuthor, "$1", "7", 1)
	var raw []byte
	if err := pool.QueryRow(context.Background(), "EXPLAIN (FORMAT JSON) "+query).Scan(&raw); err != nil {
		t.Fatalf("EXPLAIN: %v", err)
	}
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &plans); err != nil || len(plans) != 1 {
		t.Fatalf("decode plan %s: %v", raw, err)
	}
	return plans[0].Plan.scans()
}

func hasSeqScanOnComments(scans []string) bool {
	for _, s := range scans {
		if strings.Contains(s, "Seq Scan on comments") {
			return true
		}
	}
	return false
}

func indexesOnComments(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT indexdef FROM pg_indexes WHERE tablename = 'comments' ORDER BY indexname`)
	if err != nil {
		t.Fatalf("list indexes: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			t.Fatalf("scan index: %v", err)
		}
		out = append(out, def)
	}
	return out
}

func TestIndexMigrationRemovesTheSeqScan(t *testing.T) {
	url := testinfra.Postgres(t)
	ctx := context.Background()
	fsys := migrations(t)

	// Versions 1 and 2 only: the chapter's schema as the learner found it.
	if err := schema.Steps(ctx, url, fsys, ".", 2); err != nil {
		t.Fatalf("apply migrations 1-2: %v", err)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatalf("pgxpool.New: %v", err)
	}
	t.Cleanup(pool.Close)

	// 200 users × 100 comments: enough rows that reading them all costs far
	// more than an index lookup. ANALYZE gives the planner real statistics;
	// without them it guesses, and tests of plans become flaky.
	_, err = pool.Exec(ctx, `
		INSERT INTO users (username, email)
			SELECT 'user' || g, 'user' || g || '@example.com' FROM generate_series(1, 200) g;
		INSERT INTO articles (author_id, slug, title)
			SELECT g, 'article-' || g, 'Article ' || g FROM generate_series(1, 50) g;
		INSERT INTO comments (article_id, author_id, body, created_at)
			SELECT 1 + g % 50, 1 + g % 200, 'comment ' || g, now() - g * interval '1 minute'
			FROM generate_series(1, 20000) g;
		ANALYZE;`)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}

	before := explain(t, pool)
	if !hasSeqScanOnComments(before) {
		t.Fatalf("before migration 3 the plan is %v; want a Seq Scan on comments (is the test data right?)", before)
	}

	if err := schema.Steps(ctx, url, fsys, ".", 1); err != nil {
		t.Fatalf("apply migration 3 (up): %v", err)
	}
	afterUp := explain(t, pool)
	if hasSeqScanOnComments(afterUp) {
		t.Errorf("after migration 3 up the plan is %v; want an index scan, no Seq Scan on comments", afterUp)
	}
	t.Logf("plan before: %v; after up: %v", before, afterUp)

	if err := schema.Steps(ctx, url, fsys, ".", -1); err != nil {
		t.Fatalf("apply migration 3 (down): %v", err)
	}
	afterDown := explain(t, pool)
	if !hasSeqScanOnComments(afterDown) {
		t.Errorf("after migration 3 down the plan is %v; want the Seq Scan back: down must undo up", afterDown)
	}
	if got := len(indexesOnComments(t, pool)); got != 2 {
		t.Errorf("after down, comments has %d indexes (%v), want the 2 it had before up", got, indexesOnComments(t, pool))
	}

	// A migration pair must survive a second round trip (down really undid up).
	if err := schema.Steps(ctx, url, fsys, ".", 1); err != nil {
		t.Errorf("re-apply migration 3 after down: %v", err)
	}
}
