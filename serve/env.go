package serve

// EnvOr returns getenv(key), or fallback when that is empty: an environment
// variable set to "" counts as unset. Chapters pass os.Getenv in main and a
// map lookup in tests, and use the result as a flag's default so that a flag
// given on the command line wins over the environment.
func EnvOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}
