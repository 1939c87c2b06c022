//go:build unix

package journal

import (
	"errors"
	"os"
	"syscall"
)

// appendFlag opens a journal for appending: created 0600 when missing,
// never through a symbolic link at its end (the kernel refuses one), never
// blocking on a FIFO planted in its place. O_RDWR lets a write look at the
// last byte (a torn line to end first).
const appendFlag = os.O_CREATE | os.O_RDWR | os.O_APPEND | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// readFlag opens a journal for reading, with the same care.
const readFlag = os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// lockFlag opens the lock file beside a journal.
const lockFlag = os.O_CREATE | os.O_RDWR | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// unixModes is true where file modes and owners protect the journal.
const unixModes = true

// isRefusal reports the error an O_NOFOLLOW open gives for a
// symbolic link (ELOOP; EMLINK on FreeBSD), or the one a FIFO without a
// reader gives (ENXIO).
func isRefusal(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) || errors.Is(err, syscall.ENXIO)
}
