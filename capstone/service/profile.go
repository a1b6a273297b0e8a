package service

import (
	"context"

	"workbook/capstone/conduit"
)

// Profiles implements conduit.ProfileService.
type Profiles struct {
	Users   UserStore
	Follows FollowStore
	// Cached, when set, serves anonymous profile reads; Users must then be
	// the CachingStore that invalidates them.
	Cached *Cached
}

var _ conduit.ProfileService = (*Profiles)(nil)

// Profile returns username's profile as viewerID sees it.
func (s *Profiles) Profile(ctx context.Context, viewerID int64, username string) (*conduit.Profile, error) {
	if viewerID == 0 {
		// Anonymous: the same for everyone, so through the cache (nil: none).
		return readThrough(ctx, s.Cached, "profile:"+username, []string{nsUsers}, func(ctx context.Context) (*conduit.Profile, error) {
			return s.profile(ctx, 0, username)
		})
	}
	return s.profile(ctx, viewerID, username)
}

func (s *Profiles) profile(ctx context.Context, viewerID int64, username string) (*conduit.Profile, error) {
	u, err := s.Users.UserByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	following := false
	if viewerID != 0 && viewerID != u.ID {
		if following, err = s.Follows.IsFollowing(ctx, viewerID, u.ID); err != nil {
			return nil, err
		}
	}
	return &conduit.Profile{Username: u.Username, Bio: u.Bio, Image: u.Image, Following: following}, nil
}

// Follow makes followerID follow username; following twice is not an error.
func (s *Profiles) Follow(ctx context.Context, followerID int64, username string) (*conduit.Profile, error) {
	u, err := s.Users.UserByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	if u.ID == followerID {
		return nil, conduit.Errorf(conduit.EINVALID, "you cannot follow yourself")
	}
	if err := s.Follows.Follow(ctx, followerID, u.ID); err != nil {
		return nil, err
	}
	return &conduit.Profile{Username: u.Username, Bio: u.Bio, Image: u.Image, Following: true}, nil
}

// Unfollow stops followerID following username; unfollowing twice is not an error.
func (s *Profiles) Unfollow(ctx context.Context, followerID int64, username string) (*conduit.Profile, error) {
	u, err := s.Users.UserByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	if err := s.Follows.Unfollow(ctx, followerID, u.ID); err != nil {
		return nil, err
	}
	return &conduit.Profile{Username: u.Username, Bio: u.Bio, Image: u.Image, Following: false}, nil
}
