package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

var (
	// ErrNotRegular: ReadRegularFile found a symbolic link, a FIFO, a
	// device or a folder where a file should be.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: ReadRegularFile found a file over its limit.
	ErrTooLarge = errors.New("file too large")
)

// ReadRegularFile reads a regular file of at most limit bytes. The open
// follows no symbolic link at the path's end and never blocks on a FIFO
// planted there (a FIFO would hang the reader until someone writes to it);
// the file it opened is then checked, not the path, which could be swapped
// meanwhile.
func ReadRegularFile(path string, limit int64) ([]byte, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular) // where O_NOFOLLOW is missing
	}
	f, err := openNoFollow(path)
	if err != nil {
		if isSymlinkRefusal(err) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
		}
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
	case info.Size() > limit:
		return nil, fmt.Errorf("%s has %d bytes: %w", path, info.Size(), ErrTooLarge)
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(raw)) > limit {
		return nil, fmt.Errorf("%s grew past %d bytes: %w", path, limit, ErrTooLarge)
	}
	return raw, err
}

// OwnedByMe reports whether this user owns the file; true where files have
// no Unix owner (Windows).
func OwnedByMe(info fs.FileInfo) bool {
	uid, ok := ownerOf(info)
	return !checkPermissions || !ok || uid == currentUID()
}
