//go:build unix

package export

import (
	"io/fs"
	"os"
	"syscall"

	"github.com/gofrs/flock"
)

// ownedByMe reports whether this user owns the file.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// holdPartial takes an advisory lock on a running export's partial file,
// which the kernel drops when the process dies (SIGKILL included).
func holdPartial(path string) (release func()) {
	l := flock.New(path)
	l.TryLock()
	return func() { l.Close() }
}

// partialFree reports whether no running export holds the partial file.
// The open follows no symbolic link and does not block on a FIFO.
func partialFree(path string) bool {
	l := flock.New(path, flock.SetFlag(os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK))
	free, err := l.TryLock()
	l.Close()
	return err == nil && free
}
