package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// Version is one upload under a name. Versions are never overwritten:
// a new upload appends one, a DELETE appends a delete marker.
type Version struct {
	ID           string            `json:"versionId"`
	SHA256       string            `json:"sha256,omitempty"`
	Size         int64             `json:"size"`
	ContentType  string            `json:"contentType,omitempty"`
	Created      time.Time         `json:"created"`
	Noncurrent   time.Time         `json:"noncurrentSince,omitzero"` // when a newer version arrived
	DeleteMarker bool              `json:"deleteMarker,omitempty"`
	Meta         map[string]string `json:"metadata,omitempty"`
}

// Blob is the stored bytes of one content hash, shared by every version
// with that hash (content-addressed dedup).
type Blob struct {
	Size   int64  `json:"size"`
	Stored int64  `json:"stored"` // bytes on storage: less than Size once compressed
	Tier   string `json:"tier"`   // tierStandard or tierCold
}

const (
	tierStandard = "standard"
	tierCold     = "cold" // gzip-compressed under cold/<sha256>.gz
)

// catalog maps names to versions and hashes to blobs. It lives in memory
// and is saved to the Store as catalog.json after each change; production
// systems keep it in a database (chapter 11).
type catalog struct {
	store   Store
	spool   string // local directory for uploads being hashed
	now     func() time.Time
	log     *slog.Logger
	allowed map[string]bool  // sniffed media types accepted on upload
	onImage func(sha string) // the thumbnail queue (thumbnails.go)

	mu      sync.Mutex
	Objects map[string][]Version `json:"objects"` // oldest first
	Blobs   map[string]*Blob     `json:"blobs"`
}

const catalogKey = "catalog.json"

var (
	errUnsupportedType = errors.New("unsupported media type")
	errNoObject        = errors.New("no such object")
)

func blobKey(sha string) string  { return "blobs/" + sha }
func coldKey(sha string) string  { return "cold/" + sha + ".gz" }
func thumbKey(sha string) string { return "thumbs/" + sha + ".png" }

func (c *catalog) load(ctx context.Context) error {
	c.Objects, c.Blobs = map[string][]Version{}, map[string]*Blob{}
	rc, _, err := c.store.Open(ctx, catalogKey)
	if errors.Is(err, ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	return json.NewDecoder(rc).Decode(c)
}

// saveLocked writes the catalogue; the caller holds c.mu.
func (c *catalog) saveLocked(ctx context.Context) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return c.store.Put(ctx, catalogKey, bytes.NewReader(b), int64(len(b)))
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return hex.EncodeToString(b)
}

// ingest streams body to a spool file while hashing it, then stores the
// bytes under their hash — unless that hash is already stored — and
// appends a version. Memory use is one buffer, whatever the size.
func (c *catalog) ingest(ctx context.Context, name string, body io.Reader, meta map[string]string) (Version, bool, error) {
	// Sniff the type from the first 512 bytes (all DetectContentType
	// reads): the client's Content-Type is a claim, the bytes are a fact.
	br := bufio.NewReaderSize(body, 64<<10)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) {
		return Version{}, false, err
	}
	ctype := http.DetectContentType(head)
	if !c.allowed[ctype] {
		return Version{}, false, errUnsupportedType
	}
	tmp, err := os.CreateTemp(c.spool, "ingest-*")
	if err != nil {
		return Version{}, false, err
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), br)
	if err != nil {
		return Version{}, false, err // *http.MaxBytesError when too large
	}
	sum := hex.EncodeToString(h.Sum(nil))

	c.mu.Lock()
	_, dup := c.Blobs[sum]
	c.mu.Unlock()
	if !dup {
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return Version{}, false, err
		}
		if err := c.store.Put(ctx, blobKey(sum), tmp, n); err != nil {
			return Version{}, false, err
		}
	}
	v := Version{ID: newID(), SHA256: sum, Size: n, ContentType: ctype, Created: c.now().UTC(), Meta: meta}
	c.mu.Lock()
	defer c.mu.Unlock()
	if dup && c.Blobs[sum] == nil {
		// A lifecycle run collected the blob since we looked: store it
		// after all (rare, so holding the lock for it is acceptable).
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return Version{}, false, err
		}
		if err := c.store.Put(ctx, blobKey(sum), tmp, n); err != nil {
			return Version{}, false, err
		}
		dup = false
	}
	if c.Blobs[sum] == nil {
		c.Blobs[sum] = &Blob{Size: n, Stored: n, Tier: tierStandard}
		if c.onImage != nil && strings.HasPrefix(ctype, "image/") {
			c.onImage(sum)
		}
	}
	c.appendLocked(name, v)
	return v, dup, c.saveLocked(ctx)
}

func (c *catalog) appendLocked(name string, v Version) {
	vs := c.Objects[name]
	if n := len(vs); n > 0 {
		vs[n-1].Noncurrent = v.Created
	}
	c.Objects[name] = append(vs, v)
}

// remove appends a delete marker: the name disappears, its versions stay.
func (c *catalog) remove(ctx context.Context, name string) (Version, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	vs := c.Objects[name]
	if len(vs) == 0 || vs[len(vs)-1].DeleteMarker {
		return Version{}, errNoObject
	}
	v := Version{ID: newID(), Created: c.now().UTC(), DeleteMarker: true}
	c.appendLocked(name, v)
	return v, c.saveLocked(ctx)
}

// lookup returns the current version of name, or the version with id.
func (c *catalog) lookup(name, id string) (Version, Blob, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	vs := c.Objects[name]
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		if id == "" || v.ID == id {
			if v.DeleteMarker {
				break
			}
			return v, *c.Blobs[v.SHA256], nil
		}
	}
	return Version{}, Blob{}, errNoObject
}

func (c *catalog) versions(name string) []Version {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Version(nil), c.Objects[name]...)
}

func (c *catalog) blob(sha string) (Blob, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.Blobs[sha]
	if !ok {
		return Blob{}, false
	}
	return *b, true
}

// list is a flat-namespace listing: names starting with prefix; with a
// delimiter, the names that have it after the prefix are rolled up into
// common prefixes, which is all a "folder" is in object storage.
func (c *catalog) list(prefix, delim string) (names, prefixes []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for name, vs := range c.Objects {
		if !strings.HasPrefix(name, prefix) || vs[len(vs)-1].DeleteMarker {
			continue
		}
		rest := name[len(prefix):]
		if i := strings.Index(rest, delim); delim != "" && i >= 0 {
			p := prefix + rest[:i+len(delim)]
			if !seen[p] {
				seen[p] = true
				prefixes = append(prefixes, p)
			}
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	sort.Strings(prefixes)
	return names, prefixes
}

// stats sums logical bytes (every live version) against stored bytes.
type stats struct {
	Objects     int   `json:"objects"`
	Versions    int   `json:"versions"`
	Blobs       int   `json:"blobs"`
	Logical     int64 `json:"logicalBytes"`
	Stored      int64 `json:"storedBytes"`
	ColdBlobs   int   `json:"coldBlobs"`
	QueuedThumb int   `json:"thumbnailsQueued"`
}

func (c *catalog) stats() stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	var s stats
	for _, vs := range c.Objects {
		if !vs[len(vs)-1].DeleteMarker {
			s.Objects++
		}
		for _, v := range vs {
			if !v.DeleteMarker {
				s.Versions++
				s.Logical += v.Size
			}
		}
	}
	for _, b := range c.Blobs {
		s.Blobs++
		s.Stored += b.Stored
		if b.Tier == tierCold {
			s.ColdBlobs++
		}
	}
	return s
}

// blobType returns the media type and first upload time of a blob, from
// the oldest version that references it.
func (c *catalog) blobType(sha string) (string, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctype, first := "application/octet-stream", time.Time{}
	for _, vs := range c.Objects {
		for _, v := range vs {
			if v.SHA256 == sha && (first.IsZero() || v.Created.Before(first)) {
				ctype, first = v.ContentType, v.Created
			}
		}
	}
	return ctype, first
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
