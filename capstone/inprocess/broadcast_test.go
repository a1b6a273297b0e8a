package inprocess_test

import (
	"testing"

	"workbook/capstone/broadcasttest"
	"workbook/capstone/inprocess"
	"workbook/capstone/service"
)

func TestBroadcastContract(t *testing.T) {
	broadcasttest.Run(t, func(t *testing.T) (service.Broadcaster, service.Broadcaster) {
		b := &inprocess.Broadcast{}
		return b, b // one process: both "instances" are the same bus
	})
}
