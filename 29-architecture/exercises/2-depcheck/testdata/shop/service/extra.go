package service

import "fmt"
import "shop/web/render"

// Show uses the web layer: a violation in a second file.
func Show() string { return fmt.Sprint(render.Page) }
