//go:build solution

package count

// Count returns how many rows there are.
func Count(rows []Row) (int, error) {
	return len(rows), nil
}
