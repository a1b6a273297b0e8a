//go:build ignore

// This file is not part of any build, so its import does not count.
package service

import _ "database/sql"
