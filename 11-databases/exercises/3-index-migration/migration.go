//go:build !solution

package indexmigration

// Migration returns the SQL of migration 000003: up adds an index that lets
// PostgreSQL answer CommentsByAuthor without reading the whole comments
// table; down removes exactly what up added. Both must be safe to apply to
// the schema as migrations 000001 and 000002 leave it.
func Migration() (up, down string) {
	return "-- not implemented: edit exercises/3-index-migration/migration.go",
		"-- not implemented: edit exercises/3-index-migration/migration.go"
}
