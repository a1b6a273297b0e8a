package domain

import "slices"

// Action is a step of the publishing workflow.
type Action string

const (
	ActionSubmit  Action = "submit"  // draft → review, by the author
	ActionApprove Action = "approve" // review → published, by an editor who is not the author
	ActionReject  Action = "reject"  // review → draft, by an editor, with a reason
	ActionArchive Action = "archive" // draft or published → archived, by the author or an editor
)

// transition is one edge of the state machine and the rule guarding it.
type transition struct {
	from  []Status
	to    Status
	guard func(a *Article, actor Actor) error
}

// workflow is the whole state machine in one table. Every business rule
// about who may move an article where lives here, not in handlers or SQL,
// so it is read, tested and changed in one place.
//
//	draft ──submit──▶ review ──approve──▶ published
//	  ▲                 │                    │
//	  └─────reject──────┘                    │
//	draft, published ──archive──▶ archived ◀─┘
var workflow = map[Action]transition{
	ActionSubmit:  {from: []Status{StatusDraft}, to: StatusReview, guard: authorOnly},
	ActionApprove: {from: []Status{StatusReview}, to: StatusPublished, guard: editorNotAuthor},
	ActionReject:  {from: []Status{StatusReview}, to: StatusDraft, guard: editorOnly},
	ActionArchive: {from: []Status{StatusDraft, StatusPublished}, to: StatusArchived, guard: authorOrEditor},
}

// MinWordsForReview is how long a body must be before it can be submitted.
const MinWordsForReview = 5

func authorOnly(a *Article, actor Actor) error {
	if actor.Role != RoleAuthor || actor.ID != a.author {
		return Errorf(EFORBIDDEN, "only the author %s may do that", a.author)
	}
	return nil
}

func editorOnly(a *Article, actor Actor) error {
	if actor.Role != RoleEditor {
		return Errorf(EFORBIDDEN, "only an editor may do that")
	}
	return nil
}

// editorNotAuthor is the four-eyes rule: nobody publishes their own work.
func editorNotAuthor(a *Article, actor Actor) error {
	if err := editorOnly(a, actor); err != nil {
		return err
	}
	if actor.ID == a.author {
		return Errorf(EFORBIDDEN, "editors may not approve their own articles")
	}
	return nil
}

func authorOrEditor(a *Article, actor Actor) error {
	if actor.Role == RoleEditor {
		return nil
	}
	return authorOnly(a, actor)
}

// check applies the table to a: is action possible from a's status, and
// may actor take it? The state is checked first: "you cannot approve a
// draft" is true whoever asks.
func (a *Article) check(action Action, actor Actor) (Status, error) {
	t, ok := workflow[action]
	if !ok {
		return "", Errorf(EINVALID, "unknown action %q", action)
	}
	if actor.IsZero() {
		return "", Errorf(EFORBIDDEN, "an actor is required")
	}
	if !slices.Contains(t.from, a.status) {
		return "", Errorf(ECONFLICT, "cannot %s an article in %s", action, a.status)
	}
	if err := t.guard(a, actor); err != nil {
		return "", err
	}
	return t.to, nil
}

// Allowed lists the actions actor may take on a now, for clients that show
// only the buttons that will work.
func (a *Article) Allowed(actor Actor) []Action {
	var out []Action
	for _, action := range []Action{ActionSubmit, ActionApprove, ActionReject, ActionArchive} {
		if _, err := a.check(action, actor); err == nil {
			out = append(out, action)
		}
	}
	return out
}

// MaxInReview is how many articles one author may have waiting for review:
// a rule across aggregates, so the service checks it with a count from the
// repository, inside the same transaction as the submit.
const MaxInReview = 3

// CheckReviewQuota returns an error when an author who already has inReview
// articles in review may not submit another.
func CheckReviewQuota(inReview int) error {
	if inReview >= MaxInReview {
		return Errorf(ECONFLICT, "you already have %d articles in review, the limit is %d", inReview, MaxInReview)
	}
	return nil
}
