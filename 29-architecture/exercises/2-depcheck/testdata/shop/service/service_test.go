package service

// A test file may import the web layer: tests are not the package.
import (
	"testing"

	"shop/web"
)

func TestFind(t *testing.T) { _ = web.Name }
