package rbacpolicy

import (
	"errors"
	"testing"
)

func TestAuthorize(t *testing.T) {
	var (
		anon    = Principal{}
		rita    = Principal{ID: "rita", Roles: []Role{Reader}}
		ada     = Principal{ID: "ada", Roles: []Role{Author}}
		ed      = Principal{ID: "ed", Roles: []Role{Editor}}
		root    = Principal{ID: "root", Roles: []Role{Admin}}
		both    = Principal{ID: "bo", Roles: []Role{Reader, Editor}}
		nobody  = Principal{ID: "nobody"}
		strange = Principal{ID: "x", Roles: []Role{"superuser"}}

		adasDraft     = Article{ID: "1", AuthorID: "ada"}
		adasPublished = Article{ID: "2", AuthorID: "ada", Published: true}
		bobsDraft     = Article{ID: "3", AuthorID: "bob"}
		bobsPublished = Article{ID: "4", AuthorID: "bob", Published: true}
		newByAda      = Article{AuthorID: "ada"}
		newByBob      = Article{AuthorID: "bob"}
	)
	for _, tc := range []struct {
		name string
		p    Principal
		act  Action
		a    Article
		want error
	}{
		{"anonymous reads published", anon, Read, bobsPublished, nil},
		{"anonymous reads a draft", anon, Read, bobsDraft, ErrUnauthenticated},
		{"anonymous creates", anon, Create, newByBob, ErrUnauthenticated},
		{"anonymous deletes", anon, Delete, bobsPublished, ErrUnauthenticated},

		{"reader reads published", rita, Read, bobsPublished, nil},
		{"reader reads a draft", rita, Read, bobsDraft, ErrForbidden},
		{"reader creates", rita, Create, Article{AuthorID: "rita"}, ErrForbidden},
		{"reader updates", rita, Update, bobsPublished, ErrForbidden},

		{"author reads own draft", ada, Read, adasDraft, nil},
		{"author reads other's published", ada, Read, bobsPublished, nil},
		{"author reads other's draft", ada, Read, bobsDraft, ErrForbidden},
		{"author creates as self", ada, Create, newByAda, nil},
		{"author creates as someone else", ada, Create, newByBob, ErrForbidden},
		{"author updates own", ada, Update, adasPublished, nil},
		{"author updates other's", ada, Update, bobsPublished, ErrForbidden},
		{"author deletes own draft", ada, Delete, adasDraft, nil},
		{"author deletes other's", ada, Delete, bobsDraft, ErrForbidden},
		{"author publishes own", ada, Publish, adasDraft, ErrForbidden},

		{"editor reads any draft", ed, Read, bobsDraft, nil},
		{"editor updates any", ed, Update, bobsDraft, nil},
		{"editor publishes any", ed, Publish, adasDraft, nil},
		{"editor deletes", ed, Delete, bobsDraft, ErrForbidden},
		{"editor creates", ed, Create, Article{AuthorID: "ed"}, ErrForbidden},

		{"admin deletes any", root, Delete, bobsDraft, nil},
		{"admin creates for anyone", root, Create, newByBob, nil},
		{"admin publishes", root, Publish, bobsDraft, nil},

		{"roles add up", both, Publish, bobsDraft, nil},
		{"no roles", nobody, Read, bobsPublished, ErrForbidden},
		{"unknown role grants nothing", strange, Read, bobsPublished, ErrForbidden},
		{"unknown action", root, Action("archive"), bobsDraft, ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Authorize(tc.p, tc.act, tc.a)
			if tc.want == nil && got != nil || tc.want != nil && !errors.Is(got, tc.want) {
				t.Errorf("Authorize(%v, %s, %+v) = %v, want %v", tc.p, tc.act, tc.a, got, tc.want)
			}
		})
	}
}
