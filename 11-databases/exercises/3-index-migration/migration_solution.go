//go:build solution

package indexmigration

// Migration returns the SQL of migration 000003: up adds an index that lets
// PostgreSQL answer CommentsByAuthor without reading the whole comments
// table; down removes exactly what up added. Both must be safe to apply to
// the schema as migrations 000001 and 000002 leave it.
func Migration() (up, down string) {
	// (author_id, created_at DESC) matches both the WHERE and the ORDER BY:
	// the planner walks the index from the author's newest comment and stops
	// after 20 entries, with no sort step. It also serves the ON DELETE
	// CASCADE from users, which otherwise scans comments for every deleted user.
	//
	// On a big live table you would write CREATE INDEX CONCURRENTLY (no write
	// lock while it builds); it cannot run inside a transaction block, so it
	// must be the only statement of its migration file.
	up = `CREATE INDEX IF NOT EXISTS comments_author_id_created_at_idx
    ON comments (author_id, created_at DESC);`
	down = `DROP INDEX IF EXISTS comments_author_id_created_at_idx;`
	return up, down
}
