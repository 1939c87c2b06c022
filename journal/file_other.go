//go:build !unix

package journal

import "os"

// On systems without O_NOFOLLOW the journal refuses a symbolic link found
// by os.Lstat before opening.
const (
	appendFlag = os.O_CREATE | os.O_RDWR | os.O_APPEND
	readFlag   = os.O_RDONLY
	lockFlag   = os.O_CREATE | os.O_RDWR
	unixModes  = false
)

func isRefusal(error) bool { return false }
