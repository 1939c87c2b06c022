//go:build !unix

package store

import (
	"io/fs"
	"os"
)

var currentUID = os.Getuid

// openNoFollow opens path for reading; load has already refused a symbolic
// link found by os.Lstat.
func openNoFollow(path string) (*os.File, error) { return os.Open(path) }

// lockOpenFlag opens the lock file read-write, created when missing;
// takeFileLock has refused a symbolic link found by os.Lstat.
const lockOpenFlag = os.O_CREATE | os.O_RDWR

func isSymlinkRefusal(error) bool { return false }

func ownerOf(fs.FileInfo) (int, bool) { return 0, false }

// checkPermissions is false where Unix modes and owners do not apply (on
// Windows the directory inherits the user profile's ACL).
const checkPermissions = false
