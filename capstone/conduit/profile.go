package conduit

import "context"

// Profile is a user as another user sees it. Following is relative to the
// viewer and false for anonymous viewers.
type Profile struct {
	Username  string
	Bio       string
	Image     string
	Following bool
}

// ProfileService reads profiles and manages follows. viewerID 0 means an
// anonymous viewer. Errors: ENOTFOUND for an unknown username, EINVALID when a
// user tries to follow themselves.
type ProfileService interface {
	Profile(ctx context.Context, viewerID int64, username string) (*Profile, error)
	Follow(ctx context.Context, followerID int64, username string) (*Profile, error)
	Unfollow(ctx context.Context, followerID int64, username string) (*Profile, error)
}
