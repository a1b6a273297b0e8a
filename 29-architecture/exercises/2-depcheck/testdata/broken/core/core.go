// Package core imports a package that does not exist: it cannot be loaded.
package core

import _ "broken/missing"
