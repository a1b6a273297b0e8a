package main

// Authorization answers "may this principal do this to that resource?".
// Role-based access control (RBAC) grants actions to roles; ownership adds
// one attribute of the resource (who wrote it) to the decision, which is
// the smallest step from RBAC towards attribute-based control (ABAC).
//
// Each role maps an action to a reach: none, the caller's own resources,
// or any resource. Keeping the whole policy in one table makes it easy to
// review and to test exhaustively.

type action string

const (
	actRead   action = "read"
	actCreate action = "create"
	actUpdate action = "update"
	actDelete action = "delete"
)

type reach int

const (
	reachNone reach = iota
	reachOwn
	reachAny
)

var policy = map[string]map[action]reach{
	roleReader: {actRead: reachAny},
	roleAuthor: {actRead: reachAny, actCreate: reachAny, actUpdate: reachOwn, actDelete: reachOwn},
	roleAdmin:  {actRead: reachAny, actCreate: reachAny, actUpdate: reachAny, actDelete: reachAny},
}

// can reports whether a user with role and userID may perform act on a
// resource owned by ownerID. Unknown roles and actions are denied.
func can(role, userID string, act action, ownerID string) bool {
	switch policy[role][act] {
	case reachAny:
		return true
	case reachOwn:
		return userID != "" && userID == ownerID
	default:
		return false
	}
}
