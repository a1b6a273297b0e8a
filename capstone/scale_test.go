package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/time/rate"

	"workbook/capstone/conduit"
	"workbook/capstone/httpapi"
	"workbook/capstone/memory"
	"workbook/capstone/postgres"
	"workbook/capstone/service"
	"workbook/capstone/storetest"
	"workbook/testinfra"
)

// BenchmarkScale measures the first page of every list through the API as
// the site grows from 1 000 to 10 000 to 100 000 articles (1 001 users),
// on the memory store and on PostgreSQL, and prints the table the README
// shows:
//
//	go test -run '^$' -bench Scale -benchtime 200x ./capstone
//
// Each cell is the mean time of one request through the whole handler
// (routing, auth, store, JSON), measured by the benchmark loop; the sizes
// are seeded in steps onto the same store, so a row is read left to right
// as one growing site.
func BenchmarkScale(b *testing.B) {
	sizes := []int{1_000, 10_000, 100_000}
	if s := os.Getenv("SCALE_MAX"); s != "" { // e.g. SCALE_MAX=10000 for a quick run
		var max int
		fmt.Sscan(s, &max)
		sizes = slices.DeleteFunc(sizes, func(n int) bool { return n > max })
	}
	const users = 1001
	endpoints := []struct{ name, path string }{
		{"GET /api/articles?limit=20", "/api/articles?limit=20"},
		{"?tag=X", "/api/articles?tag=tag7&limit=20"},
		{"/api/articles/feed", "/api/articles/feed?limit=20"},
		{"/api/tags", "/api/tags"},
		{"?author=U", "/api/articles?author=user5&limit=20"},
		{"?offset=deepest", "/api/articles?limit=20&offset=%d"},
	}
	results := map[string]map[string][]float64{} // store → endpoint → ms per size

	for _, store := range []string{"memory", "postgres"} {
		b.Run(store, func(b *testing.B) {
			var st service.Store
			var seed func(from, to int)
			switch store {
			case "memory":
				m := memory.New()
				st = m
				seed = func(from, to int) {
					if err := storetest.SeedStore(context.Background(), m, users, from, to); err != nil {
						b.Fatal(err)
					}
				}
			case "postgres":
				url := testinfra.Postgres(b)
				pg, err := postgres.Open(context.Background(), url, 10)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(pg.Close)
				if _, err := pg.Migrate(context.Background()); err != nil {
					b.Fatal(err)
				}
				st = pg
				conn, err := pgx.Connect(context.Background(), url)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { conn.Close(context.Background()) })
				seed = func(from, to int) {
					for _, stmt := range storetest.SeedPostgresSQL(users, from, to) {
						if _, err := conn.Exec(context.Background(), stmt); err != nil {
							b.Fatalf("seed: %v", err)
						}
					}
				}
			}
			tokens := &httpapi.Tokens{Secret: []byte("scale-benchmark-secret-scale-benchmark"), TTL: time.Hour}
			api := httpapi.New(httpapi.Config{
				Users:    &service.Users{Store: st, Hasher: service.Bcrypt{Cost: 4}},
				Profiles: &service.Profiles{Users: st, Follows: st},
				Articles: &service.Articles{Store: st},
				Comments: &service.Comments{Store: st, Articles: st},
				Tokens:   tokens, AuthRate: rate.Inf, AuthBurst: 1,
			})
			results[store] = map[string][]float64{}
			seeded := 0
			for _, n := range sizes {
				seed(seeded+1, n)
				seeded = n
				viewer, err := st.UserByUsername(context.Background(), "user1")
				if err != nil {
					b.Fatal(err)
				}
				token, _ := tokens.Issue(viewer.ID, viewer.TokenGen)
				for _, e := range endpoints {
					path := e.path
					if strings.Contains(path, "%d") {
						path = fmt.Sprintf(path, min(n, conduit.MaxOffset)-20)
					}
					b.Run(fmt.Sprintf("%dk/%s", n/1000, e.name), func(b *testing.B) {
						req := httptest.NewRequest(http.MethodGet, path, nil)
						req.Header.Set("Authorization", "Token "+token)
						for b.Loop() {
							w := httptest.NewRecorder()
							api.ServeHTTP(w, req)
							if w.Code != http.StatusOK {
								b.Fatalf("GET %s = %d %s", path, w.Code, w.Body)
							}
						}
						ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
						results[store][e.name] = append(results[store][e.name], ms)
					})
				}
			}
		})
	}

	var sb strings.Builder
	label := func(vals []float64) string {
		var parts []string
		for _, v := range vals {
			parts = append(parts, fmt.Sprintf("%.2f", v))
		}
		return strings.Join(parts, " / ")
	}
	var ks []string
	for _, n := range sizes {
		ks = append(ks, fmt.Sprintf("%dk", n/1000))
	}
	fmt.Fprintf(&sb, "\n| endpoint | memory %s ms | PostgreSQL %s ms |\n|---|---|---|\n", strings.Join(ks, " / "), strings.Join(ks, " / "))
	for _, e := range endpoints {
		fmt.Fprintf(&sb, "| `%s` | %s | %s |\n", e.name, label(results["memory"][e.name]), label(results["postgres"][e.name]))
	}
	fmt.Print(sb.String())
}
