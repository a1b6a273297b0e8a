package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"workbook/scripts/internal/exercise"
)

// The repository's own checks (`test`, `check`) prove that every exercise's
// tests fail on its stub. In a learner's fork the stubs are their solutions,
// and those checks would call every solved exercise a defect. So the checks
// run against the stubs as committed: when some stub differs from HEAD, they
// run in a temporary copy of the working tree whose changed stubs are put
// back to their committed text. Everything else — tests, references, a
// maintainer's uncommitted work — is checked as it is on disk.

// changedStubs returns the stub files (slash paths relative to root) that
// differ from their committed version, with that committed text. Stubs git
// does not know (a new exercise) are checked as they are.
func changedStubs(ctx context.Context, root string, exs []*exercise.Exercise) (map[string][]byte, error) {
	pristine := exercise.PristineStubs(ctx, root, exs)
	out := map[string][]byte{}
	for _, ex := range exs {
		f := ex.StubFile()
		if f == "" || pristine[f] {
			continue
		}
		cmd := exec.CommandContext(ctx, "git", "-C", root, "show", "HEAD:"+f)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			continue // not committed, or no git: nothing to restore
		}
		if cur, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f))); err == nil && bytes.Equal(cur, stdout.Bytes()) {
			continue
		}
		out[f] = stdout.Bytes()
	}
	return out, ctx.Err()
}

// pristineCopy copies the working tree under root (without .git and
// node_modules) into a new temporary directory and writes the committed
// stubs over it. The caller removes the directory.
func pristineCopy(root string, stubs map[string][]byte) (string, error) {
	dst, err := os.MkdirTemp("", "workbook-pristine-")
	if err != nil {
		return "", err
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules"):
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil // sockets, symlinks: not part of a chapter
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(target, src, info.Mode().Perm())
	})
	if err == nil {
		for f, src := range stubs {
			if err = os.WriteFile(filepath.Join(dst, filepath.FromSlash(f)), src, 0o644); err != nil {
				break
			}
		}
	}
	if err != nil {
		os.RemoveAll(dst)
		return "", err
	}
	return dst, nil
}

// inPristine runs fn on an App rooted at a pristine copy when the checkout's
// stubs differ from HEAD, and on a itself otherwise.
func (a *App) inPristine(ctx context.Context, fn func(*App) error) error {
	ws, err := a.load(ctx)
	if err != nil {
		return err
	}
	stubs, err := changedStubs(ctx, ws.root, exercise.All(ws.chapters))
	if err != nil {
		return err
	}
	if len(stubs) == 0 {
		return fn(a)
	}
	dir, err := pristineCopy(ws.root, stubs)
	if err != nil {
		return fmt.Errorf("cannot make a copy with the committed stubs: %w", err)
	}
	defer os.RemoveAll(dir)
	fmt.Fprintf(a.Stdout, "%s %d %s differ from the last commit (your solutions): checking the committed %s in a temporary copy, %s.\n   Your own work is graded by: go run ./scripts/workbook verify\n",
		a.out.Yellow("!"), len(stubs), plural(len(stubs), "stub", "stubs"), plural(len(stubs), "stub", "stubs"), dir)
	sub := *a
	sub.Dir = dir
	sub.ws = nil
	return fn(&sub)
}
