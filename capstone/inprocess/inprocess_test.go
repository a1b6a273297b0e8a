package inprocess

import (
	"testing"

	"workbook/capstone/jobtest"
	"workbook/capstone/service"
)

func TestContract(t *testing.T) {
	jobtest.Run(t, func(t *testing.T) jobtest.Harness {
		q := New(100, 2, jobtest.Delays)
		taken := 0
		return jobtest.Harness{Queue: q, Dead: func(*testing.T) []service.Job {
			d := q.Dead()[taken:]
			taken += len(d)
			return d
		}}
	})
}
