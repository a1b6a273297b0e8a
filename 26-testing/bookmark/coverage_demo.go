package bookmark

// truncateBytes is here to make one point about coverage, and nothing in the
// service calls it. Its tests (coverage_demo_test.go) execute every statement
// — `go test -cover` reports it 100% covered — and it is still wrong: it cuts
// by bytes, so truncateBytes("café", 4) splits the two bytes of "é" and
// returns invalid UTF-8. Coverage says which lines ran, not whether the
// tests asked the right questions.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
