package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wfconnect/wfconnect/msg"
	"github.com/wfconnect/wfconnect/store"
)

// maxCacheFile is the largest metadata cache file read: an instance's
// whole metadata is a few MB; anything larger is damage, or a trap.
const maxCacheFile = 50 << 20

// ownedByMe is store.OwnedByMe; a variable so that tests can play
// another user.
var ownedByMe = store.OwnedByMe

// cacheFile is one cached piece of metadata: path under root (the cache
// directory, which wfconnect makes and checks), and where problems go.
type cacheFile struct {
	root, path string
	log        func(string)
}

// cached reads the entry into out unless refresh is set or the entry is
// missing, unreadable, damaged or huge, in which case fetch runs and its
// answer is saved, atomically and 0600.
func cached[T any](c cacheFile, refresh bool, out *T, fetch func() (T, error)) error {
	if !refresh && c.read(out) {
		return nil
	}
	v, err := fetch()
	if err != nil {
		return err
	}
	*out = v
	c.write(v)
	return nil
}

// read fills out from the cache file; false when it cannot be used. A
// symbolic link, a FIFO (which would hang the read) or another user's
// directory is refused, and said in the log; a damaged or huge file is
// removed, so that the fetch's answer replaces it.
func (c cacheFile) read(out any) bool {
	if c.path == "" || c.checkDirs(false) != nil {
		return false
	}
	raw, err := store.ReadRegularFile(c.path, maxCacheFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false
	case errors.Is(err, store.ErrNotRegular):
		c.say(msg.New("The metadata cache file %s is not a regular file (a symbolic link or a pipe?), so wfconnect did not read it and asks Workfront instead.", c.path))
		return false
	case errors.Is(err, store.ErrTooLarge):
		c.say(msg.New("The metadata cache file %s is larger than 50 MB, so wfconnect discarded it and asks Workfront again.", c.path))
		os.Remove(c.path)
		return false
	case err != nil:
		return false
	}
	if json.Unmarshal(raw, out) != nil {
		c.say(msg.New("The metadata cache file %s was damaged, so wfconnect discarded it and asks Workfront again.", c.path))
		os.Remove(c.path)
		return false
	}
	return true
}

// write saves v, atomically and 0600; a cache that cannot be written only
// costs a fetch next time.
func (c cacheFile) write(v any) {
	if c.path == "" || c.checkDirs(true) != nil {
		return
	}
	if raw, err := json.Marshal(v); err == nil {
		store.WriteFileAtomic(c.path, raw, 0o600)
	}
}

// checkDirs checks each directory from the cache root down to the file's:
// it must be a directory (not a link to one) of this user's; one open to
// others (0777, say) is tightened to 0700. create makes the missing ones,
// 0700. A directory of another user's is refused: whoever owns it could
// feed wfconnect metadata of their choosing.
func (c cacheFile) checkDirs(create bool) error {
	rel, err := filepath.Rel(c.root, filepath.Dir(c.path))
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("cache file %s outside %s", c.path, c.root)
	}
	dir := c.root
	for _, part := range append([]string{""}, strings.Split(rel, string(filepath.Separator))...) {
		dir = filepath.Join(dir, part)
		if err := c.checkDir(dir, create); err != nil {
			return err
		}
	}
	return nil
}

func (c cacheFile) checkDir(dir string, create bool) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) && create {
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		info, err = os.Lstat(dir)
	}
	if err != nil {
		return err
	}
	switch {
	case !info.IsDir():
		return c.say(msg.New("The metadata cache folder %s is not a folder (a symbolic link?), so wfconnect does not use the cache. Delete it, and wfconnect makes a new one.", dir))
	case !ownedByMe(info):
		return c.say(msg.New("The metadata cache folder %s belongs to another user, so wfconnect does not use the cache. Delete it (or set WFCONNECT_CACHE_DIR to a folder of yours), and wfconnect makes a new one.", dir))
	case info.Mode().Perm()&0o077 != 0 && cacheModesApply:
		if err := os.Chmod(dir, 0o700); err != nil {
			return c.say(msg.New("The metadata cache folder %s is open to other users and could not be made private (%v), so wfconnect does not use the cache.", dir, err))
		}
	}
	return nil
}

// say logs a problem with the cache (it never fails a command: the
// metadata is fetched instead) and returns it.
func (c cacheFile) say(m *msg.Error) error {
	if c.log != nil {
		c.log(m.Error())
	}
	return m
}
