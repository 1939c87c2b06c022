//go:build unix

package export

import (
	"io/fs"
	"os"
	"syscall"
)

// partialOpenFlag opens a partial file for its lock without following a
// symbolic link planted in its place, and without blocking on a FIFO.
const partialOpenFlag = os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// ownedByMe reports whether this user owns the file.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
