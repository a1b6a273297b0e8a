package main

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"time"
)

// lifecyclePolicy is the server's one bucket-wide policy, in S3's terms:
// current versions expire (a delete marker is added) expireDays after
// they were created, noncurrent versions are removed noncurrentDays after
// a newer one replaced them, and blobs move to the cold tier coldDays
// after their newest version was written. 0 turns a rule off. Exercise
// 4-lifecycle evaluates full rule sets (prefix and tag filters, several
// transitions, S3's rounding to midnight UTC).
type lifecyclePolicy struct {
	expireDays, noncurrentDays, coldDays int
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// lifecycleReport is what one run did.
type lifecycleReport struct {
	Expired    int `json:"expired"`           // delete markers added
	Removed    int `json:"versionsRemoved"`   // noncurrent versions and lone markers removed
	Collected  int `json:"blobsCollected"`    // blobs no version referenced
	Transition int `json:"blobsTransitioned"` // blobs moved to the cold tier
}

// runLifecycle applies p at time now. Decisions and deletions are made
// under the lock; the slow part — compressing blobs — runs outside it.
func (c *catalog) runLifecycle(ctx context.Context, p lifecyclePolicy, now time.Time) (lifecycleReport, error) {
	var rep lifecycleReport
	c.mu.Lock()
	for name, vs := range c.Objects {
		cur := vs[len(vs)-1]
		if p.expireDays > 0 && !cur.DeleteMarker && !now.Before(cur.Created.Add(days(p.expireDays))) {
			vs[len(vs)-1].Noncurrent = now
			vs = append(vs, Version{ID: newID(), Created: now, DeleteMarker: true})
			rep.Expired++
		}
		if p.noncurrentDays > 0 {
			kept := vs[:0]
			for i, v := range vs {
				if i < len(vs)-1 && !now.Before(v.Noncurrent.Add(days(p.noncurrentDays))) {
					rep.Removed++
					continue
				}
				kept = append(kept, v)
			}
			vs = kept
		}
		if len(vs) == 1 && vs[0].DeleteMarker { // an expired object delete marker
			delete(c.Objects, name)
			rep.Removed++
			continue
		}
		c.Objects[name] = vs
	}
	newest := map[string]time.Time{}
	for _, vs := range c.Objects {
		for _, v := range vs {
			if !v.DeleteMarker && v.Created.After(newest[v.SHA256]) {
				newest[v.SHA256] = v.Created
			}
		}
	}
	var garbage, toCold []string
	for sha, b := range c.Blobs {
		last, used := newest[sha]
		switch {
		case !used:
			garbage = append(garbage, sha)
			delete(c.Blobs, sha)
		case p.coldDays > 0 && b.Tier == tierStandard && !now.Before(last.Add(days(p.coldDays))):
			toCold = append(toCold, sha)
		}
	}
	err := c.saveLocked(ctx)
	// Garbage goes while the lock is held: an upload of the same bytes
	// waits, then finds the blob gone from the catalogue and stores it again.
	for _, sha := range garbage {
		if err != nil {
			break
		}
		rep.Collected++
		for _, k := range []string{blobKey(sha), coldKey(sha), thumbKey(sha)} {
			if err = c.store.Delete(ctx, k); err != nil {
				break
			}
		}
	}
	c.mu.Unlock()
	if err != nil {
		return rep, err
	}
	for _, sha := range toCold {
		if err := c.toCold(ctx, sha); err != nil {
			return rep, err
		}
		rep.Transition++
	}
	return rep, nil
}

// toCold compresses a blob into the cold tier. Readers switch to the
// compressed copy when the catalogue says so; only then is the original
// deleted.
func (c *catalog) toCold(ctx context.Context, sha string) error {
	src, _, err := c.store.Open(ctx, blobKey(sha))
	if err != nil {
		return err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(c.spool, "cold-*")
	if err != nil {
		return err
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestCompression) // a valid level never errs
	if _, err := io.Copy(zw, src); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := c.store.Put(ctx, coldKey(sha), tmp, size); err != nil {
		return err
	}
	c.mu.Lock()
	b, ok := c.Blobs[sha]
	if ok {
		b.Tier, b.Stored = tierCold, size
	}
	err = c.saveLocked(ctx)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	return c.store.Delete(ctx, blobKey(sha))
}
