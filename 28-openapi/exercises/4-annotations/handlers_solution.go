//go:build solution

package annotations

import "net/http"

// ListTagBookmarks lists the bookmarks that carry a tag.
//
//	@ID				listTagBookmarks
//	@Summary		Bookmarks with a tag
//	@Description	The bookmarks that carry the tag, newest first unless sort says old.
//	@Tags			tags
//	@Produce		json
//	@Param			name	path		string	true	"the tag"			minlength(1)	maxlength(30)
//	@Param			limit	query		int		false	"page size"			minimum(1)		maximum(100)	default(20)
//	@Param			sort	query		string	false	"order by creation"	Enums(new, old)	default(new)
//	@Success		200		{object}	BookmarkPage
//	@Failure		404		{object}	Problem	"no bookmark has the tag"
//	@Router			/tags/{name}/bookmarks [get]
func (h *Handlers) ListTagBookmarks(w http.ResponseWriter, r *http.Request) { notServed(w) }

// RenameTag renames a tag on every bookmark that carries it.
//
//	@ID			renameTag
//	@Summary	Rename a tag
//	@Tags		tags
//	@Accept		json
//	@Produce	json
//	@Security	Token
//	@Param		name	path		string		true	"the tag"	minlength(1)	maxlength(30)
//	@Param		tag		body		TagRename	true	"the new name"
//	@Success	200		{object}	Tag
//	@Header		200		{string}	Location	"the renamed tag's URL"
//	@Failure	401		{object}	Problem		"no or wrong token"
//	@Failure	404		{object}	Problem		"no such tag"
//	@Failure	422		{object}	Problem		"the new name is not valid"
//	@Router		/tags/{name} [put]
func (h *Handlers) RenameTag(w http.ResponseWriter, r *http.Request) { notServed(w) }

// DeleteTag removes a tag from every bookmark.
//
//	@ID			deleteTag
//	@Summary	Delete a tag
//	@Tags		tags
//	@Security	Token
//	@Param		name	path	string	true	"the tag"
//	@Success	204
//	@Failure	401	{object}	Problem	"no or wrong token"
//	@Router		/tags/{name} [delete]
func (h *Handlers) DeleteTag(w http.ResponseWriter, r *http.Request) { notServed(w) }
