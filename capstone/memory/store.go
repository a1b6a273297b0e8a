// Package memory is the in-memory storage adapter: the default when no
// DATABASE_URL is configured, so a fresh clone runs with nothing installed.
// It passes the same contract suite (storetest) as the postgres adapter.
package memory

import (
	"sync"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Store keeps everything in maps behind one RWMutex. Every method returns
// copies, so callers can never modify the stored values. The zero value is
// not usable; call New.
type Store struct {
	mu sync.RWMutex

	nextID    int64
	users     map[int64]*conduit.User
	follows   map[[2]int64]bool // {follower, followee}
	articles  map[int64]*conduit.Article
	order     []int64                  // article ids, oldest first
	slugs     map[string]int64         // slug → article id
	favorites map[int64]map[int64]bool // article id → user ids
	comments  map[int64]*conduit.Comment
}

var _ service.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store {
	return &Store{
		users:     map[int64]*conduit.User{},
		follows:   map[[2]int64]bool{},
		articles:  map[int64]*conduit.Article{},
		slugs:     map[string]int64{},
		favorites: map[int64]map[int64]bool{},
		comments:  map[int64]*conduit.Comment{},
	}
}

// id returns the next identifier; the caller holds the write lock.
func (s *Store) id() int64 {
	s.nextID++
	return s.nextID
}

// profile returns user id as viewerID sees it; the caller holds a lock.
func (s *Store) profile(viewerID, id int64) conduit.Profile {
	u := s.users[id]
	if u == nil {
		return conduit.Profile{}
	}
	return conduit.Profile{
		Username: u.Username, Bio: u.Bio, Image: u.Image,
		Following: viewerID != 0 && s.follows[[2]int64{viewerID, id}],
	}
}
