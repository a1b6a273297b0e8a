package publishing

import (
	"encoding/json"
	"fmt"

	"workbook/12-business-logic/domain"
)

// encodeEvent turns a domain event into an outbox Message. The JSON is a
// named converter, not the event struct marshalled as is: the payload is a
// contract with receivers and must not change when a Go field is renamed.
func encodeEvent(e domain.Event) (Message, error) {
	payload := map[string]string{"article": e.Article().String(), "at": e.At().UTC().Format("2006-01-02T15:04:05.000Z")}
	switch e := e.(type) {
	case domain.ArticleDrafted:
		payload["author"] = e.Author.String()
	case domain.ArticleSubmitted:
	case domain.ArticlePublished:
		payload["editor"], payload["notify"] = e.Editor.String(), e.Notify.String()
	case domain.ArticleRejected:
		payload["editor"], payload["notify"], payload["reason"] = e.Editor.String(), e.Notify.String(), e.Reason
	case domain.ArticleArchived:
		payload["by"] = e.By.String()
	default:
		return Message{}, fmt.Errorf("publishing: no encoding for event %T", e)
	}
	data, err := json.Marshal(payload)
	if err != nil {
		return Message{}, err
	}
	return Message{Event: e.EventName(), Article: e.Article().String(), Payload: data, CreatedAt: e.At()}, nil
}

func encodeEvents(events []domain.Event) ([]Message, error) {
	out := make([]Message, 0, len(events))
	for _, e := range events {
		m, err := encodeEvent(e)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
