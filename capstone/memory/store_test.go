package memory_test

import (
	"testing"

	"workbook/capstone/memory"
	"workbook/capstone/service"
	"workbook/capstone/storetest"
)

func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) service.Store { return memory.New() })
}
