package chanqueue

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"workbook/29-architecture/domain"
)

func TestPublishStopDrain(t *testing.T) {
	q := New(4, slog.New(slog.DiscardHandler))
	var got []string
	for _, id := range []string{"1", "2", "3"} {
		if err := q.Publish(context.Background(), domain.Job{OrderID: id}); err != nil {
			t.Fatal(err)
		}
	}
	q.Start(func(_ context.Context, j domain.Job) error { got = append(got, j.OrderID); return nil })
	if err := q.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("worker handled %v, want the three queued jobs drained before Stop returned", got)
	}
	if err := q.Publish(context.Background(), domain.Job{OrderID: "4"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Publish after Stop = %v, want ErrClosed", err)
	}
}

func TestFullQueueHonoursTheDeadline(t *testing.T) {
	q := New(0, slog.New(slog.DiscardHandler)) // no buffer, no worker
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := q.Publish(ctx, domain.Job{OrderID: "1"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Publish to a full queue = %v, want the deadline's error", err)
	}
}
