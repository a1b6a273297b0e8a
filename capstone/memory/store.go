// Package memory is the in-memory storage adapter: the default when no
// DATABASE_URL is configured, so a fresh clone runs with nothing installed.
// It passes the same contract suite (storetest) as the postgres adapter.
package memory

import (
	"slices"
	"strings"
	"sync"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Store keeps everything in maps behind one RWMutex, with the indexes a
// database would keep, so that no read costs more as the data grows: lists
// of article IDs per tag, author and favouriting user, who follows whom,
// users by name and by folded email, comments per article.
// Every method returns copies, so callers can never modify the stored
// values. The zero value is not usable; call New.
type Store struct {
	mu sync.RWMutex

	nextID    int64
	users     map[int64]*conduit.User
	usernames map[string]int64         // username → user id
	emails    map[string]int64         // foldEmail(email) → user id
	following map[int64]map[int64]bool // follower → followees

	articles    map[int64]*conduit.Article
	slugs       map[string]int64 // slug → article id
	all         idList           // every article, oldest first
	byTag       map[string]idList
	byAuthor    map[int64]idList
	byFavoriter map[int64]idList
	favorites   map[int64]map[int64]bool // article id → user ids
	tagList     []string                 // sorted keys of byTag; nil when a tag came or went

	resets  map[string]reset // token hash → reset
	effects map[string]struct{}

	comments   map[int64]*conduit.Comment
	commentsOf map[int64]idList // article id → its comments, oldest first
}

var _ service.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store {
	return &Store{
		users:       map[int64]*conduit.User{},
		usernames:   map[string]int64{},
		emails:      map[string]int64{},
		following:   map[int64]map[int64]bool{},
		articles:    map[int64]*conduit.Article{},
		slugs:       map[string]int64{},
		byTag:       map[string]idList{},
		byAuthor:    map[int64]idList{},
		byFavoriter: map[int64]idList{},
		favorites:   map[int64]map[int64]bool{},
		comments:    map[int64]*conduit.Comment{},
		commentsOf:  map[int64]idList{},
		resets:      map[string]reset{},
		effects:     map[string]struct{}{},
	}
}

// id returns the next identifier; the caller holds the write lock. IDs only
// grow, so a list of IDs in ascending order is a list in creation order.
func (s *Store) id() int64 {
	s.nextID++
	return s.nextID
}

// idList is a set of IDs kept sorted ascending: oldest first.
type idList []int64

// with returns l with id in its place (no duplicate).
func (l idList) with(id int64) idList {
	i, found := slices.BinarySearch(l, id)
	if found {
		return l
	}
	return slices.Insert(l, i, id)
}

// without returns l without id.
func (l idList) without(id int64) idList {
	if i, found := slices.BinarySearch(l, id); found {
		return slices.Delete(l, i, i+1)
	}
	return l
}

// foldEmail is the key emails are unique and looked up under. PostgreSQL's
// unique index is on lower(email), and strings.ToLower is its counterpart
// (strings.EqualFold would also match "K" with the Kelvin sign, which
// lower() does not).
func foldEmail(email string) string { return strings.ToLower(email) }

// profile returns user id as viewerID sees it; the caller holds a lock.
func (s *Store) profile(viewerID, id int64) conduit.Profile {
	u := s.users[id]
	if u == nil {
		return conduit.Profile{}
	}
	return conduit.Profile{
		Username: u.Username, Bio: u.Bio, Image: u.Image,
		Following: viewerID != 0 && s.following[viewerID][id],
	}
}
