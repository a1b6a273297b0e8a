// Package indexmigration is exercise 4 of chapter 11: write the migration
// that adds the missing index on comments.author_id, and its down migration,
// and let EXPLAIN prove what it changed.
package indexmigration

// Version is the migration's number: it comes after the chapter's own
// migrations 000001 and 000002.
const Version = 3

// Name is the migration's name; the files become
// 000003_comments_author_id_idx.up.sql and .down.sql.
const Name = "comments_author_id_idx"

// CommentsByAuthor is the query the index is for: a user's latest comments,
// shown on their profile page. $1 is the author's id.
const CommentsByAuthor = `SELECT id, article_id, created_at FROM comments WHERE author_id = $1 ORDER BY created_at DESC LIMIT 20`
