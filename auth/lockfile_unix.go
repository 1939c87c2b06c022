//go:build unix

package auth

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// lockOpenFlag opens a refresh lock file without following a symbolic link
// planted in its place and without blocking on a FIFO.
const lockOpenFlag = os.O_CREATE | os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isSymlinkRefusal reports the error O_NOFOLLOW gives for a symbolic link.
func isSymlinkRefusal(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}

// ownedByMe reports whether this user owns the file.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
