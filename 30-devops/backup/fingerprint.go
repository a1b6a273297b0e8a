package backup

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Fingerprint is what a restore drill compares between the source and the
// restored copy: per table its row count and an md5 over every row in
// primary-key order, and every sequence's position.
type Fingerprint struct {
	Tables    map[string]TableSum // "schema.table"
	Sequences map[string]string   // "schema.sequence" → last_value ("" when never used)
}

// TableSum is one table's row count and checksum.
type TableSum struct {
	Rows int64
	MD5  string
}

// String lists the fingerprint one object a line, in name order.
func (f Fingerprint) String() string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(f.Tables)) {
		fmt.Fprintf(&b, "table %s: %d rows, md5 %s\n", k, f.Tables[k].Rows, f.Tables[k].MD5)
	}
	for _, k := range slices.Sorted(maps.Keys(f.Sequences)) {
		fmt.Fprintf(&b, "sequence %s: last_value %q\n", k, f.Sequences[k])
	}
	return b.String()
}

// tablesWithKeys lists every user table with its primary-key columns in
// key order (a table without a primary key has none, and is an error).
const tablesWithKeys = `
SELECT n.nspname, c.relname,
       coalesce((SELECT array_agg(a.attname ORDER BY k.ord)
                   FROM pg_index i
                   CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE i.indrelid = c.oid AND i.indisprimary), '{}')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1, 2`

// TakeFingerprint reads the fingerprint of the database at databaseURL.
func TakeFingerprint(ctx context.Context, databaseURL string) (Fingerprint, error) {
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return Fingerprint{}, err
	}
	defer conn.Close(ctx)

	type table struct {
		schema, name string
		key          []string
	}
	rows, err := conn.Query(ctx, tablesWithKeys)
	if err != nil {
		return Fingerprint{}, err
	}
	tables, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (table, error) {
		var t table
		err := r.Scan(&t.schema, &t.name, &t.key)
		return t, err
	})
	if err != nil {
		return Fingerprint{}, err
	}
	fp := Fingerprint{Tables: map[string]TableSum{}, Sequences: map[string]string{}}
	for _, t := range tables {
		if len(t.key) == 0 {
			return Fingerprint{}, fmt.Errorf("backup: table %s.%s has no primary key to order its rows by", t.schema, t.name)
		}
		order := make([]string, len(t.key))
		for i, k := range t.key {
			order[i] = "t." + pgx.Identifier{k}.Sanitize()
		}
		// t::text is the row as one composite literal: every column, in
		// order, in the server's text form.
		q := fmt.Sprintf(`SELECT count(*), md5(coalesce(string_agg(t::text, E'\n' ORDER BY %s), '')) FROM %s AS t`,
			strings.Join(order, ", "), pgx.Identifier{t.schema, t.name}.Sanitize())
		var s TableSum
		if err := conn.QueryRow(ctx, q).Scan(&s.Rows, &s.MD5); err != nil {
			return Fingerprint{}, err
		}
		fp.Tables[t.schema+"."+t.name] = s
	}
	seqs, err := conn.Query(ctx, `SELECT schemaname || '.' || sequencename, coalesce(last_value::text, '') FROM pg_sequences`)
	if err != nil {
		return Fingerprint{}, err
	}
	for seqs.Next() {
		var name, last string
		if err := seqs.Scan(&name, &last); err != nil {
			return Fingerprint{}, err
		}
		fp.Sequences[name] = last
	}
	return fp, seqs.Err()
}
