//go:build solution

package rbacpolicy

// reach says how far a role's permission for an action extends.
type reach int

const (
	none          reach = iota
	publishedOnly       // only published articles
	own                 // published ones, plus the caller's own
	every               // every article
)

// grants is the whole RBAC table. Ownership and the Published attribute are
// expressed as reaches, so the code below never needs a role name.
var grants = map[Role]map[Action]reach{
	Reader: {Read: publishedOnly},
	Author: {Read: own, Create: own, Update: own, Delete: own},
	Editor: {Read: every, Update: every, Publish: every},
	Admin:  {Read: every, Create: every, Update: every, Delete: every, Publish: every},
}

// Authorize allows when any one of the caller's roles allows: roles add up.
func Authorize(p Principal, act Action, a Article) error {
	if p.ID == "" {
		if act == Read && a.Published {
			return nil
		}
		return ErrUnauthenticated
	}
	for _, role := range p.Roles {
		switch grants[role][act] {
		case every:
			return nil
		case own:
			if a.AuthorID == p.ID || (act == Read && a.Published) {
				return nil
			}
		case publishedOnly:
			if a.Published {
				return nil
			}
		}
	}
	return ErrForbidden
}
