//go:build unix

package store

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// currentUID is the user the config directory must belong to; a variable so
// that tests can play another user.
var currentUID = os.Getuid

// openNoFollow opens path for reading without following a symbolic link at
// its end (the kernel refuses one with ELOOP), and without blocking on a
// FIFO planted in its place.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// lockOpenFlag opens the lock file read-write (created 0600 when missing),
// never through a symbolic link at its end, never blocking on a FIFO.
const lockOpenFlag = os.O_CREATE | os.O_RDWR | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isSymlinkRefusal reports the error openNoFollow gives for a symbolic link.
func isSymlinkRefusal(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}

// ownerOf is the uid that owns the file; ok is false when the system does
// not say.
func ownerOf(info fs.FileInfo) (uid int, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}

// checkPermissions is true where file modes and owners protect the
// config directory.
const checkPermissions = true
