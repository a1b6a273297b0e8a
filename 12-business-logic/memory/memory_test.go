package memory_test

import (
	"testing"

	"workbook/12-business-logic/memory"
	"workbook/12-business-logic/publishing"
	"workbook/12-business-logic/publishingtest"
)

func TestMemoryContract(t *testing.T) {
	publishingtest.RunRepositoryContract(t, func(t *testing.T) publishing.UnitOfWork { return memory.New() })
}
