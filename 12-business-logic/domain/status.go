package domain

// Status is where an article is in the publishing workflow.
type Status string

const (
	StatusDraft     Status = "draft"     // being written; only the author sees it
	StatusReview    Status = "review"    // submitted, waiting for an editor
	StatusPublished Status = "published" // public
	StatusArchived  Status = "archived"  // withdrawn; kept for the record, final
)

// ParseStatus validates s as a Status.
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case StatusDraft, StatusReview, StatusPublished, StatusArchived:
		return st, nil
	}
	return "", Errorf(EINVALID, "status %q must be draft, review, published or archived", s)
}
