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

// TestAuthorizeEveryCell walks the whole table of the task: every role,
// every action, and the four kinds of article (the caller's own or someone
// else's, draft or published). "+" allows, "F" is ErrForbidden, "U" is
// ErrUnauthenticated; the four letters are own draft, own published,
// other's draft, other's published.
func TestAuthorizeEveryCell(t *testing.T) {
	table := map[string]map[Action]string{
		"anonymous": {Read: "U+U+", Create: "UUUU", Update: "UUUU", Delete: "UUUU", Publish: "UUUU", "archive": "UUUU"},
		"reader":    {Read: "F+F+", Create: "FFFF", Update: "FFFF", Delete: "FFFF", Publish: "FFFF", "archive": "FFFF"},
		"author":    {Read: "++F+", Create: "++FF", Update: "++FF", Delete: "++FF", Publish: "FFFF", "archive": "FFFF"},
		"editor":    {Read: "++++", Create: "FFFF", Update: "++++", Delete: "FFFF", Publish: "++++", "archive": "FFFF"},
		"admin":     {Read: "++++", Create: "++++", Update: "++++", Delete: "++++", Publish: "++++", "archive": "FFFF"},
	}
	callers := map[string]Principal{
		"anonymous": {},
		"reader":    {ID: "u1", Roles: []Role{Reader}},
		"author":    {ID: "u1", Roles: []Role{Author}},
		"editor":    {ID: "u1", Roles: []Role{Editor}},
		"admin":     {ID: "u1", Roles: []Role{Admin}},
	}
	kinds := []struct {
		name      string
		own       bool
		published bool
	}{{"own draft", true, false}, {"own published", true, true}, {"other's draft", false, false}, {"other's published", false, true}}
	for role, row := range table {
		p := callers[role]
		for act, cells := range row {
			for i, k := range kinds {
				a := Article{ID: "a1", AuthorID: "u2", Published: k.published}
				if k.own {
					a.AuthorID = p.ID // for the anonymous caller: an article with no author
				}
				var want error
				switch cells[i] {
				case 'F':
					want = ErrForbidden
				case 'U':
					want = ErrUnauthenticated
				}
				t.Run(role+" "+string(act)+" "+k.name, func(t *testing.T) {
					got := Authorize(p, act, a)
					if want == nil && got != nil || want != nil && !errors.Is(got, want) {
						t.Errorf("Authorize(%+v, %q, %+v) = %v, want %v", p, act, a, got, want)
					}
				})
			}
		}
	}
}

// TestAuthorizeRolesAddUp gives callers several roles, in either order: a
// role that does not allow must not stop a later one that does.
func TestAuthorizeRolesAddUp(t *testing.T) {
	other := Article{ID: "a1", AuthorID: "u2"}
	otherPublished := Article{ID: "a2", AuthorID: "u2", Published: true}
	own := Article{ID: "a3", AuthorID: "u1"}
	for _, tc := range []struct {
		name  string
		roles []Role
		act   Action
		a     Article
		want  error
	}{
		{"author then editor update other's", []Role{Author, Editor}, Update, other, nil},
		{"editor then author update other's", []Role{Editor, Author}, Update, other, nil},
		{"author then admin delete other's", []Role{Author, Admin}, Delete, other, nil},
		{"reader then author read own draft", []Role{Reader, Author}, Read, own, nil},
		{"author then reader read own draft", []Role{Author, Reader}, Read, own, nil},
		{"reader then editor read a draft", []Role{Reader, Editor}, Read, other, nil},
		{"unknown role then admin", []Role{"superuser", Admin}, Create, other, nil},
		{"author and reader still may not read other's draft", []Role{Author, Reader}, Read, other, ErrForbidden},
		{"reader and editor still may not delete", []Role{Reader, Editor}, Delete, otherPublished, ErrForbidden},
		{"author and editor may create only their own", []Role{Author, Editor}, Create, other, ErrForbidden},
		{"author and editor may create their own", []Role{Editor, Author}, Create, own, nil},
		{"the same role twice", []Role{Author, Author}, Update, other, ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Principal{ID: "u1", Roles: tc.roles}
			got := Authorize(p, tc.act, tc.a)
			if tc.want == nil && got != nil || tc.want != nil && !errors.Is(got, tc.want) {
				t.Errorf("Authorize(%+v, %q, %+v) = %v, want %v", p, tc.act, tc.a, got, tc.want)
			}
		})
	}
}
