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

// Policy is the part of the rules a business tunes without changing code:
// numbers an editor-in-chief may raise or lower. The workflow table above
// is code because changing who may do what is a decision to review; these
// are configuration, read at start-up (main.go: -min-words-for-review,
// -max-in-review) and checked once by NewPolicy, so the domain never meets
// an impossible setting.
type Policy struct {
	// MinWordsForReview is how long a body must be before it can be
	// submitted (a rule inside one aggregate: Article.Submit applies it).
	MinWordsForReview int
	// MaxInReview is how many articles one author may have waiting for
	// review: a rule across aggregates, so the service checks it with a
	// count from the repository, inside the same transaction as the submit.
	MaxInReview int
}

// Defaults of Policy.
const (
	MinWordsForReview = 5
	MaxInReview       = 3
)

// DefaultPolicy returns the rules the server runs with unless told otherwise.
func DefaultPolicy() Policy {
	return Policy{MinWordsForReview: MinWordsForReview, MaxInReview: MaxInReview}
}

// NewPolicy validates the settings: a body of 0 words is allowed for
// review (1 to 10,000 required words otherwise), and every author may have
// 1 to 1,000 articles in review.
func NewPolicy(minWordsForReview, maxInReview int) (Policy, error) {
	switch {
	case minWordsForReview < 0 || minWordsForReview > 10000:
		return Policy{}, Errorf(EINVALID, "min words for review must be 0-10000, got %d", minWordsForReview)
	case maxInReview < 1 || maxInReview > 1000:
		return Policy{}, Errorf(EINVALID, "max in review must be 1-1000, got %d", maxInReview)
	}
	return Policy{MinWordsForReview: minWordsForReview, MaxInReview: maxInReview}, nil
}

// CheckReviewQuota returns an error when an author who already has inReview
// articles in review may not submit another.
func (p Policy) CheckReviewQuota(inReview int) error {
	if inReview >= p.MaxInReview {
		return Errorf(ECONFLICT, "you already have %d articles in review, the limit is %d", inReview, p.MaxInReview)
	}
	return nil
}
